/**
 * Fuzz campaigns, one per target: mutated real files and from-scratch inputs, each run in the
 * fuzz child with a hang timeout and an allocation bound. Every input must parse or throw a
 * VocoderError with a known code. CI mode runs a few seconds per target; `pnpm fuzz` runs long.
 * Failing inputs are written out (CI: a temp folder; long mode: corpus/<target>/) for triage.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignOptions } from '../src/fuzz/campaign-options.js';
import { CORPUS_DIR, saveInput } from '../src/fuzz/corpus.js';
import { runCampaign } from '../src/fuzz/fuzz-campaign.js';
import { FuzzChild } from '../src/fuzz/fuzz-child-process.js';
import { hardeningSettings } from '../src/settings.js';
import { FUZZ_TARGETS } from '../src/targets/index.js';

const settings = hardeningSettings();
const child = new FuzzChild();
const found = settings.mode === 'long' ? CORPUS_DIR : mkdtempSync(join(tmpdir(), 'voirs-fuzz-'));
beforeAll(() => child.ready());
afterAll(() => child.close());

const only = process.env.FUZZ_TARGETS?.split(',');
const targets = FUZZ_TARGETS.filter((t) => only === undefined || only.includes(t.name));

describe(`fuzz (${settings.mode} mode)`, () => {
  it.each(targets.map((t) => [t.name, t] as const))(
    '%s: every input parses or throws a VocoderError with a code',
    async (_name, target) => {
      const report = await runCampaign(child, campaignOptions(target, settings));
      const saved = report.failures.map(
        (f) => `${f.label}\n    -> ${saveInput(found, target.name, f.input)}`,
      );
      console.info(
        `[fuzz] ${target.name}: ${report.inputs} inputs in ${report.seconds.toFixed(1)} s (seed ${report.seed}), ` +
          `slowest ${report.slowestMs.toFixed(0)} ms, largest allocation ${(report.largestAllocation / 1024).toFixed(0)} KiB; ` +
          `outcomes ${JSON.stringify(report.outcomes)}` +
          (saved.length > 0 ? `\n  failures:\n  ${saved.join('\n  ')}` : ''),
      );
      expect(report.inputs).toBeGreaterThan(0);
      expect(report.failures.map((f) => f.label)).toEqual([]);
    },
    (settings.fuzzSeconds + 60) * 1000 + 2 * settings.fuzzTimeoutMs,
  );
});
