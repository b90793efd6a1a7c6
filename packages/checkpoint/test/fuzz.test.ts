/**
 * Mutation tests: random truncations and byte flips of valid fixtures must either parse or fail
 * with a VocoderError carrying a known code, never another exception (and never hang: the test
 * timeout would fail them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, isVocoderError } from '@voirs/core';
import {
  foldWeightNormStateDict,
  loadTorchCheckpoint,
  loadWeights,
  readNpz,
  readSafetensors,
  stateDict,
  unpickle,
} from '../src/index.js';
import { fixture, fixtureJson } from './helpers/fixtures.js';

const ALLOW = ['glow.WaveGlow', 'glow.WN', 'glow.Invertible1x1Conv'];

/** Runs `fn`; returns 'ok' or the VocoderError code; rethrows any other exception. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (isVocoderError(error) && Object.hasOwn(ERROR_CODES, error.code)) return error.code;
    throw error;
  }
}

const readers: [string, (b: Uint8Array) => unknown][] = [
  ['synthetic-zip-p2.pt', (b) => stateDict(loadTorchCheckpoint(b).object)],
  ['synthetic-legacy-p2.pt', (b) => stateDict(loadTorchCheckpoint(b).object)],
  ['synthetic-zip-p4.pt', (b) => loadWeights(b)],
  ['synthetic-deflated.pt', (b) => loadWeights(b)],
  ['synthetic-zip64.pt', (b) => loadWeights(b)],
  ['views-legacy.pt', (b) => loadWeights(b)],
  ['from-type-zip.pt', (b) => loadWeights(b)],
  ['diffwave-like.pt', (b) => loadWeights(b, { allowGlobals: ['diffwave.params.AttrDict'] })],
  ['glow-legacy.pt', (b) => foldWeightNormStateDict(loadWeights(b, { allowGlobals: ALLOW }))],
  ['glow-zip.pt', (b) => foldWeightNormStateDict(loadWeights(b, { allowGlobals: ALLOW }))],
  ['tensors.safetensors', (b) => readSafetensors(b)],
  ['arrays.npz', (b) => readNpz(b)],
  ['arrays-compressed.npz', (b) => readNpz(b, { verifyCrc: false })],
];

/** A mutation: truncate to a length, then overwrite some positions with some bytes. */
const mutation = fc.record({
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
  flips: fc.array(
    fc.tuple(
      fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      fc.integer({ min: 0, max: 255 }),
    ),
    { maxLength: 6 },
  ),
  truncate: fc.boolean(),
});

function mutate(
  bytes: Uint8Array,
  m: { cut: number; flips: [number, number][]; truncate: boolean },
): Uint8Array {
  const out = m.truncate ? bytes.slice(0, Math.floor(bytes.length * m.cut)) : bytes.slice();
  for (const [at, value] of m.flips) if (out.length > 0) out[Math.floor(at * out.length)] = value;
  return out;
}

describe('mutated fixtures parse or fail with a VocoderError', () => {
  it.each(readers)('%s', (name, read) => {
    const original = fixture(name);
    expect(outcome(() => read(original))).toBe('ok');
    const seen = new Set<string>();
    fc.assert(
      fc.property(mutation, (m) => {
        seen.add(outcome(() => read(mutate(original, m))));
      }),
      { numRuns: 250 },
    );
    expect(seen.size).toBeGreaterThan(1);
  });

  it('every truncation of a legacy file fails cleanly', () => {
    const bytes = fixture('synthetic-legacy-p4.pt');
    for (let n = 0; n < bytes.length; n += 7)
      expect(outcome(() => loadTorchCheckpoint(bytes.subarray(0, n)))).not.toBe('ok');
  });

  it('mutated pickles of every protocol', () => {
    const { pickles } = fixtureJson<{ pickles: Record<string, string> }>('pickles.json');
    for (const b64 of Object.values(pickles)) {
      const bytes = new Uint8Array(Buffer.from(b64, 'base64'));
      fc.assert(
        fc.property(mutation, (m) => {
          outcome(() => unpickle(mutate(bytes, m)));
        }),
        { numRuns: 150 },
      );
    }
  });

  it('random bytes behind a pickle header', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        outcome(() => unpickle(new Uint8Array([0x80, 0x02, ...tail])));
        outcome(() => loadWeights(new Uint8Array([0x50, 0x4b, 3, 4, ...tail])));
      }),
      { numRuns: 1000 },
    );
  });
});
