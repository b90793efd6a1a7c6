import { describe, expect, it } from 'vitest';
import type { InstanceRecord, PyDict } from '../src/index.js';
import {
  foldWeightNorm,
  foldWeightNormStateDict,
  loadTorchCheckpoint,
  loadWeights,
  moduleRecords,
  stateDict,
  type TensorData,
} from '../src/index.js';
import {
  catchVocoderError,
  expectTensor,
  fixture,
  fixtureJson,
  type TensorDesc,
} from './helpers/fixtures.js';

interface GlowGolden {
  stateDict: [string, TensorDesc][];
  modules: [string, string][];
  attributes: Record<string, number>;
  wnAttributes: Record<string, number>;
  hooks: Record<string, { class: string; name: string; dim: number }>;
  folded: Record<string, TensorDesc>;
  iteration: number;
}

const golden = fixtureJson<GlowGolden>('glow-golden.json');
const ALLOW = ['glow.WaveGlow', 'glow.WN', 'glow.Invertible1x1Conv'];

describe.each(['glow-zip.pt', 'glow-legacy.pt'])(
  'whole pickled module %s (WaveGlow-shaped)',
  (name) => {
    const load = () => loadTorchCheckpoint(fixture(name), { allowGlobals: ALLOW });

    it('is refused without allowGlobals, naming the class', () => {
      const error = catchVocoderError(
        () => loadTorchCheckpoint(fixture(name)),
        'E_CHECKPOINT_UNSAFE',
      );
      expect(error.message).toContain('glow.');
      expect(error.message).toContain('allowGlobals');
    });

    it('stateDict walks _parameters/_buffers/_modules like module.state_dict()', () => {
      const sd = stateDict(load().object);
      expect([...sd.keys()]).toEqual(golden.stateDict.map(([k]) => k));
      for (const [key, desc] of golden.stateDict) expectTensor(sd.get(key), desc, key);
      expect(loadWeights(fixture(name), { allowGlobals: ALLOW }).size).toBe(
        golden.stateDict.length,
      );
    });

    it('exposes module records with their classes and config attributes', () => {
      const ckpt = load();
      expect((ckpt.object as PyDict).get('iteration')).toBe(golden.iteration);
      const records = moduleRecords(ckpt.object);
      expect([...records].map(([path, r]) => [path, r.className])).toEqual(golden.modules);
      const root = records.get('') as InstanceRecord;
      for (const [attr, value] of Object.entries(golden.attributes))
        expect(root.attr(attr), attr).toBe(value);
      for (const [attr, value] of Object.entries(golden.wnAttributes))
        expect(records.get('WN.0')?.attr(attr), attr).toBe(value);
    });

    it('keeps weight-norm hooks as inert WeightNorm records', () => {
      const records = moduleRecords(load().object);
      for (const [path, hook] of Object.entries(golden.hooks)) {
        const hooks = records.get(path)?.attr('_forward_pre_hooks') as PyDict;
        const record = [...hooks.values()][0] as InstanceRecord;
        expect(record.className, path).toBe(hook.class);
        expect(record.attr('name'), path).toBe(hook.name);
        expect(record.attr('dim'), path).toBe(hook.dim);
      }
    });

    it('folds weight norm (ConvTranspose1d and Conv1d) like torch._weight_norm', () => {
      const sd = stateDict(load().object);
      const folded = foldWeightNormStateDict(sd);
      for (const [path, desc] of Object.entries(golden.folded)) {
        const direct = foldWeightNorm(
          sd.get(`${path}.weight_g`) as TensorData,
          sd.get(`${path}.weight_v`) as TensorData,
          0,
        );
        const w = folded.get(`${path}.weight`) as TensorData;
        expect([...w.shape]).toEqual(desc.shape);
        expect([...w.data]).toEqual([...direct.data]);
        (desc.values as number[]).forEach((v, i) =>
          expect(w.data[i] as number, `${path}[${i}]`).toBeCloseTo(v, 6),
        );
      }
    });
  },
);
