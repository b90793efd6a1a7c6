import { describe, expect, it } from 'vitest';
import { InstanceRecord, loadTorchCheckpoint, loadWeights, type PyDict } from '../src/index.js';
import {
  catchVocoderError,
  expectTensor,
  fixture,
  fixtureJson,
  type TensorDesc,
} from './helpers/fixtures.js';

const golden = fixtureJson<{
  step: number;
  model: [string, TensorDesc][];
  params: Record<string, unknown>;
}>('diffwave-golden.json');

describe('DiffWave-shaped training checkpoint (AttrDict params, Adam state)', () => {
  it('needs its AttrDict class allowed', () => {
    const error = catchVocoderError(
      () => loadWeights(fixture('diffwave-like.pt')),
      'E_CHECKPOINT_UNSAFE',
    );
    expect(error.message).toContain('diffwave.params.AttrDict');
  });

  it('loads the model state dict and the params record', () => {
    const options = { allowGlobals: ['diffwave.params.AttrDict'] };
    const sd = loadWeights(fixture('diffwave-like.pt'), options);
    expect([...sd.keys()]).toEqual(golden.model.map(([k]) => k));
    for (const [key, desc] of golden.model) expectTensor(sd.get(key), desc, key);
    const object = loadTorchCheckpoint(fixture('diffwave-like.pt'), options).object as PyDict;
    expect(object.get('step')).toBe(golden.step);
    const params = object.get('params') as InstanceRecord;
    expect(params).toBeInstanceOf(InstanceRecord);
    expect(Object.fromEntries(params.dictItems)).toEqual(golden.params);
    // its __dict__ is itself, so BUILD copied the same items into the attributes
    expect(params.attr('n_mels')).toBe(80);
  });
});
