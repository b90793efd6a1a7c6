import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '@voirs/core/testing';
import {
  detectFormat,
  foldWeightNormStateDict,
  loadTorchCheckpoint,
  loadWeights,
  stateDict,
  tensorBytes,
  type TensorData,
} from '../src/index.js';
import { fixtureJson, sha256 } from './helpers/fixtures.js';

interface Golden {
  fileSha256: string;
  tensors: {
    name: string;
    dtype: string;
    shape: number[];
    sha256: string;
    first: number[];
    sum: number;
  }[];
  folded: Record<string, { shape: number[]; first: number[]; sum: number; absSum: number }>;
}

const file = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const golden = fixtureJson<Golden>('hifigan-v2-golden.json');

function sum(t: TensorData): number {
  let s = 0;
  for (const v of t.data as Float32Array) s += v;
  return s;
}

describe.skipIf(!file)('official HiFi-GAN V2 checkpoint (legacy torch format, ../shared)', () => {
  const bytes = file === undefined ? new Uint8Array(0) : new Uint8Array(readFileSync(file));

  it('is the published file', () => {
    expect(sha256(bytes)).toBe(golden.fileSha256);
    expect(detectFormat(bytes)).toBe('torch-legacy');
  });

  it('every tensor equals what torch.load returns (name, order, dtype, shape, bytes)', () => {
    const sd = stateDict(loadTorchCheckpoint(bytes).object);
    expect([...sd.keys()]).toEqual(golden.tensors.map((t) => t.name));
    for (const g of golden.tensors) {
      const t = sd.get(g.name) as TensorData;
      expect(t.dtype, g.name).toBe(g.dtype);
      expect([...t.shape], g.name).toEqual(g.shape);
      expect(sha256(tensorBytes(t)), g.name).toBe(g.sha256);
      expect([...t.data.slice(0, 4)], g.name).toEqual(g.first.map(Math.fround));
      expect(sum(t), g.name).toBeCloseTo(g.sum, 3);
    }
  });

  it('loadWeights gives the same state dict', () => {
    expect(loadWeights(bytes).size).toBe(golden.tensors.length);
  });

  it('weight-norm folding matches torch._weight_norm', () => {
    const folded = foldWeightNormStateDict(stateDict(loadTorchCheckpoint(bytes).object));
    expect([...folded.keys()].some((k) => k.endsWith('weight_g') || k.endsWith('weight_v'))).toBe(
      false,
    );
    for (const [name, g] of Object.entries(golden.folded)) {
      const w = folded.get(name) as TensorData;
      expect([...w.shape], name).toEqual(g.shape);
      const first = [...w.data.slice(0, 16)] as number[];
      first.forEach((v, i) => expect(v, `${name}[${i}]`).toBeCloseTo(g.first[i] as number, 6));
      let abs = 0;
      for (const v of w.data as Float32Array) abs += Math.abs(v);
      expect(Math.abs(abs - g.absSum) / g.absSum, name).toBeLessThan(1e-5);
      expect(sum(w), name).toBeCloseTo(g.sum, 3);
    }
  });
});
