/**
 * The crash corpus as regression tests: every input that once broke the fuzz invariant (see
 * corpus/README.md) runs through its target in the fuzz child and must now parse or fail with a
 * VocoderError, within the hang timeout and the allocation bound.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../src/fuzz/corpus.js';
import { FuzzChild } from '../src/fuzz/fuzz-child-process.js';
import { isAcceptable, outcomeLabel } from '../src/fuzz/outcome.js';
import { hardeningSettings } from '../src/settings.js';
import { FUZZ_TARGETS } from '../src/targets/index.js';

const entries = readCorpus();
const child = new FuzzChild();
beforeAll(() => child.ready());
afterAll(() => child.close());

describe('crash corpus', () => {
  it('holds entries, each for a known target', () => {
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries)
      expect(
        FUZZ_TARGETS.map((t) => t.name),
        e.file,
      ).toContain(e.target);
  });

  it.each(entries.map((e) => [`${e.target}/${e.file}`, e] as const))('%s', async (_name, entry) => {
    const result = await child.run(entry.target, entry.input, hardeningSettings().fuzzTimeoutMs);
    expect(isAcceptable(result.outcome), outcomeLabel(result.outcome)).toBe(true);
  });
});
