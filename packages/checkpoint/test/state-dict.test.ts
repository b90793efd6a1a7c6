import { describe, expect, it } from 'vitest';
import {
  InstanceRecord,
  PyDict,
  makeTensorData,
  moduleRecords,
  stateDict,
  weightsRoot,
  type PickleValue,
  type TensorData,
} from '../src/index.js';
import { catchVocoderError } from './helpers/fixtures.js';

const t = () => makeTensorData('float32', [1], new Float32Array([1])) as TensorData;

function dict(entries: [PickleValue, PickleValue][], pyClass = 'dict'): PyDict {
  const d = new PyDict(pyClass);
  for (const [k, v] of entries) d.set(k, v);
  return d;
}

function module(
  params: [string, PickleValue][],
  children: [string, PickleValue][] = [],
  buffers: [string, PickleValue][] = [],
): InstanceRecord {
  const m = new InstanceRecord('torch.nn.modules.module.Module');
  m.attributes.set('_parameters', dict(params, 'collections.OrderedDict'));
  m.attributes.set('_buffers', dict(buffers, 'collections.OrderedDict'));
  m.attributes.set('_modules', dict(children, 'collections.OrderedDict'));
  return m;
}

describe('stateDict and moduleRecords', () => {
  it('picks generator, then model, then state_dict', () => {
    const a = dict([['x', t()]]);
    expect(
      weightsRoot(
        dict([
          ['model', a],
          ['generator', dict([])],
        ]),
      ),
    ).not.toBe(a);
    expect(
      weightsRoot(
        dict([
          ['step', 1],
          ['model', a],
        ]),
      ),
    ).toBe(a);
    expect(weightsRoot(a)).toBe(a);
  });

  it('module walks skip None parameters and non-persistent buffers', () => {
    const child = module(
      [
        ['weight', t()],
        ['bias', null],
      ],
      [],
      [
        ['running', t()],
        ['tmp', t()],
      ],
    );
    child.attributes.set('_non_persistent_buffers_set', new Set<PickleValue>(['tmp']));
    const root = module(
      [],
      [
        ['conv', child],
        ['missing', null],
      ],
    );
    expect([...stateDict(root).keys()]).toEqual(['conv.weight', 'conv.running']);
    expect([...moduleRecords(root).keys()]).toEqual(['', 'conv']);
  });

  it('refuses cycles, single tensors, empty results and non-modules', () => {
    const cyclic = dict([['x', t()]]);
    cyclic.set('self', cyclic);
    catchVocoderError(() => stateDict(cyclic), 'E_CHECKPOINT_INVALID');
    catchVocoderError(() => stateDict(t()), 'E_CHECKPOINT_INVALID');
    catchVocoderError(() => stateDict(dict([['step', 3]])), 'E_CHECKPOINT_INVALID');
    catchVocoderError(() => moduleRecords(dict([['x', t()]])), 'E_CHECKPOINT_INVALID');
    const bad = module([['weight', 'not a tensor']]);
    catchVocoderError(() => stateDict(bad), 'E_CHECKPOINT_INVALID');
  });

  it('bounds shared sub-trees (a DAG that would explode exponentially)', () => {
    let node: PyDict = dict([['leaf', t()]]);
    for (let i = 0; i < 40; i++)
      node = dict([
        ['a', node],
        ['b', node],
      ]);
    catchVocoderError(() => stateDict(node), 'E_CHECKPOINT_INVALID');
  });

  it('bounds nesting depth', () => {
    let node: PyDict = dict([['leaf', t()]]);
    for (let i = 0; i < 100; i++) node = dict([['n', node]]);
    catchVocoderError(() => stateDict(node), 'E_CHECKPOINT_INVALID');
  });
});
