/**
 * No data loss: the real `voirs-vocoder` bin runs on a long input and is sent SIGKILL at random
 * points of its write phase (after its temporary output appears), for `vocode --stream -o file`,
 * `vocode -o file.wav|.npy`, `fx`, `mel`, `models import` and `batch` (whose rerun must then resume). The output name must then hold
 * either nothing or the complete file (byte-identical to an uninterrupted run). A SIGTERM run of
 * each must exit 130 (or 0 if it had finished) and leave no temporary file behind. After killed
 * imports the cache must list, load and re-import without waiting on a dead process's lock, and
 * the re-import removes the killed one's staging folder.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../src/cli/run-cli.js';
import { guardRejections } from '../src/guard-rejections.js';
import { writeKillInputs, type KillInputs } from '../src/kill/kill-inputs.js';
import { runAndSignal, seededRandom } from '../src/kill/kill-run.js';
import { KILL_SCENARIOS, type KillScenario } from '../src/kill/kill-scenarios.js';
import { hardeningSettings } from '../src/settings.js';

guardRejections();
const settings = hardeningSettings();
const root = mkdtempSync(join(tmpdir(), 'voirs-kill-'));
const random = seededRandom(Number(process.env.FUZZ_SEED ?? 7));
const TEMP = /\.partial-|\.staging-|\.trash-/;
let inputs: KillInputs;
const reference = new Map<string, Uint8Array>();
const referenceMs = new Map<string, number>();

beforeAll(async () => {
  inputs = writeKillInputs(join(root, 'inputs'), settings.mode === 'long' ? 240 : 90);
  for (const [i, s] of KILL_SCENARIOS.entries()) {
    const out = join(root, `reference-${i}`);
    mkdirSync(out);
    const started = performance.now();
    const run = await cli(...s.argv(inputs, out));
    referenceMs.set(s.name, performance.now() - started);
    expect(run.code, run.stderr).toBe(0);
    reference.set(s.name, new Uint8Array(readFileSync(join(out, s.result))));
  }
  console.info(
    `[kill] uninterrupted in-process runs: ${[...referenceMs].map(([n, ms]) => `${n} ${ms.toFixed(0)} ms`).join(', ')}`,
  );
}, 300_000);

/** Files under `dir` (recursively), as relative paths. */
const files = (dir: string): string[] =>
  existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).map(String).sort() : [];

function checkResult(s: KillScenario, out: string, label: string): 'complete' | 'absent' {
  const path = join(out, s.result);
  if (!existsSync(path)) return 'absent';
  const bytes = new Uint8Array(readFileSync(path));
  expect(bytes.length, `${label}: a partial file under the output name`).toBe(
    reference.get(s.name)!.length,
  );
  expect(
    Buffer.compare(bytes, reference.get(s.name)!),
    `${label}: the output differs from an uninterrupted run`,
  ).toBe(0);
  return 'complete';
}

async function checkCacheUsable(out: string, label: string): Promise<void> {
  const list = await cli('models', 'list', '--cache-dir', join(out, 'cache'), '--json');
  expect(list.code, `${label}: models list after the kill: ${list.stderr}`).toBe(0);
  const started = performance.now();
  const again = await cli(
    'models',
    'import',
    inputs.checkpoint,
    '--cache-dir',
    join(out, 'cache'),
    '--name',
    'tiny',
    '--force',
    '--quiet',
  );
  expect(again.code, `${label}: re-import after the kill: ${again.stderr}`).toBe(0);
  expect(performance.now() - started, `${label}: the re-import waited on a dead lock`).toBeLessThan(
    30_000,
  );
  checkResult(
    KILL_SCENARIOS.find((s) => s.name === 'models import')!,
    out,
    `${label} (re-imported)`,
  );
  expect(
    files(join(out, 'cache', 'models')).filter((f) => TEMP.test(f)),
    `${label}: leftovers of the killed import`,
  ).toEqual([]);
}

const delayOf = (s: KillScenario) =>
  s.maxDelayMs === 'stream' ? 0.7 * referenceMs.get(s.name)! : s.maxDelayMs;

describe('no data loss when the CLI is killed mid-write', () => {
  it.each(KILL_SCENARIOS.map((s, i) => [s.name, s, i] as const))(
    '%s',
    async (_name, s, i) => {
      const seen: string[] = [];
      for (let k = 0; k < settings.killPoints; k++) {
        const out = join(root, `kill-${i}-${k}`);
        mkdirSync(out);
        const outcome = await runAndSignal({
          argv: s.argv(inputs, out),
          watch: join(out, s.watch),
          maxDelayMs: delayOf(s),
          signal: 'SIGKILL',
          timeoutMs: 120_000,
          random,
        });
        const label = `SIGKILL ${k} (${outcome.afterTempMs?.toFixed(0) ?? '-'} ms into the write)`;
        const state = checkResult(s, out, label);
        seen.push(
          `${outcome.signalled ? `killed ${outcome.afterTempMs?.toFixed(0)} ms in` : `exited ${outcome.exitCode}`} -> ${state}`,
        );
        expect(
          files(out)
            .filter((f) => !TEMP.test(f) && !f.startsWith('cache/locks'))
            .every(
              (f) =>
                f === s.result || s.result.startsWith(f) || f.startsWith(s.result.split('/')[0]!),
            ),
          files(out).join(', '),
        ).toBe(true);
        if (s.name === 'models import') await checkCacheUsable(out, label);
      }
      const out = join(root, `term-${i}`);
      mkdirSync(out);
      const term = await runAndSignal({
        argv: s.argv(inputs, out),
        watch: join(out, s.watch),
        maxDelayMs: delayOf(s),
        signal: 'SIGTERM',
        timeoutMs: 120_000,
        random,
      });
      const state = checkResult(s, out, 'SIGTERM');
      // 130: interrupted, nothing kept; 0: it had finished; killed by SIGTERM: the signal came after
      // the command had returned (its handlers gone) while the process was exiting
      const expected =
        term.exitCode === 130
          ? 'absent'
          : term.exitCode === 0 || term.exitSignal === 'SIGTERM'
            ? 'complete'
            : 'unexpected exit';
      expect(`${term.exitCode ?? term.exitSignal} -> ${state}`, term.stderr).toBe(
        `${term.exitCode ?? term.exitSignal} -> ${expected}`,
      );
      expect(
        files(out).filter((f) => TEMP.test(f)),
        'SIGTERM leaves no temporary file',
      ).toEqual([]);
      console.info(
        `[kill] ${s.name}: SIGKILL runs ${seen.join('; ')}; SIGTERM ${term.afterTempMs?.toFixed(0)} ms into the write -> ${term.exitCode ?? term.exitSignal}, ${state}`,
      );
    },
    600_000,
  );

  it('batch: every output is complete or absent after SIGKILL, and a rerun resumes to the full set', async () => {
    const argv = (out: string) => [
      'batch',
      inputs.batchDir,
      '-o',
      out,
      '--vocoder',
      'hifigan',
      '--model',
      inputs.checkpoint,
      '-j',
      '2',
      '--threads',
      '1',
      '--quiet',
    ];
    const ref = join(root, 'batch-reference');
    const started = performance.now();
    const run = await cli(...argv(ref));
    const maxDelayMs = 0.3 * (performance.now() - started);
    expect(run.code, run.stderr).toBe(0);
    const outputs = files(ref).filter((f) => f.endsWith('.wav'));
    expect(outputs).toHaveLength(6);
    const seen: string[] = [];
    for (let k = 0; k < settings.killPoints; k++) {
      const out = join(root, `batch-kill-${k}`);
      mkdirSync(out);
      const outcome = await runAndSignal({
        argv: argv(out),
        watch: out,
        maxDelayMs,
        signal: 'SIGKILL',
        timeoutMs: 120_000,
        random,
      });
      const present = files(out).filter((f) => f.endsWith('.wav'));
      for (const f of present) {
        expect(
          Buffer.compare(readFileSync(join(out, f)), readFileSync(join(ref, f))),
          `${f}: a partial or different output`,
        ).toBe(0);
      }
      seen.push(
        `${outcome.signalled ? `killed ${outcome.afterTempMs?.toFixed(0)} ms in` : `exited ${outcome.exitCode}`} -> ${present.length} of 6 complete`,
      );
      const resumed = await cli(...argv(out));
      expect(resumed.code, resumed.stderr).toBe(0);
      for (const f of outputs)
        expect(
          Buffer.compare(readFileSync(join(out, f)), readFileSync(join(ref, f))),
          `${f} after resuming`,
        ).toBe(0);
    }
    console.info(`[kill] batch: ${seen.join('; ')}`);
  }, 600_000);
});
