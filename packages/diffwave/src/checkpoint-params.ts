/**
 * The hyper-parameters an official DiffWave checkpoint carries in its `params` entry (an
 * `AttrDict` from `diffwave/params.py`), or that a `config.json`/`params.json` beside it gives with
 * the same snake_case keys. Only the keys that shape the network, its schedules and its mel
 * frontend are read; training keys are ignored.
 */
import * as v from 'valibot';
import { ModelError } from '@voirs/core';
import { InstanceRecord, PyDict, type PickleValue } from '@voirs/checkpoint';

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const betas = v.pipe(v.array(v.number()), v.minLength(1));

const ParamsSchema = v.object({
  residual_layers: v.optional(positiveInt),
  residual_channels: v.optional(positiveInt),
  dilation_cycle_length: v.optional(positiveInt),
  unconditional: v.optional(v.boolean()),
  n_mels: v.optional(positiveInt),
  hop_samples: v.optional(positiveInt),
  sample_rate: v.optional(positiveInt),
  n_fft: v.optional(positiveInt),
  noise_schedule: v.optional(betas),
  inference_noise_schedule: v.optional(betas),
});

/** The hyper-parameters found, camel-cased; absent keys stay undefined. */
export interface DiffwaveParams {
  readonly residualLayers?: number;
  readonly residualChannels?: number;
  readonly dilationCycle?: number;
  readonly unconditional?: boolean;
  readonly nMels?: number;
  readonly hopSamples?: number;
  readonly sampleRate?: number;
  readonly nFft?: number;
  readonly trainingBetas?: readonly number[];
  readonly fastBetas?: readonly number[];
}

/** A pickled dict or AttrDict as a plain object (string keys only). */
function plainRecord(value: PickleValue | undefined): Record<string, unknown> | undefined {
  const items =
    value instanceof PyDict ? value : value instanceof InstanceRecord ? value.dictItems : undefined;
  if (items === undefined) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, item] of items) if (typeof k === 'string') out[k] = item;
  return out;
}

/**
 * Reads hyper-parameters from a `params` record (pickled dict/AttrDict) or a parsed JSON object.
 * @throws ModelError `E_MODEL_CONFIG` when a known key has the wrong type.
 */
export function parseParams(value: unknown, source: string): DiffwaveParams {
  const record =
    value instanceof PyDict || value instanceof InstanceRecord ? plainRecord(value) : value;
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new ModelError('E_MODEL_CONFIG', `${source} is not a DiffWave params object.`);
  }
  const result = v.safeParse(ParamsSchema, record);
  if (!result.success) {
    const problems = result.issues
      .map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
      .join('; ');
    throw new ModelError('E_MODEL_CONFIG', `${source} has invalid DiffWave params: ${problems}.`);
  }
  const p = result.output;
  return {
    residualLayers: p.residual_layers,
    residualChannels: p.residual_channels,
    dilationCycle: p.dilation_cycle_length,
    unconditional: p.unconditional,
    nMels: p.n_mels,
    hopSamples: p.hop_samples,
    sampleRate: p.sample_rate,
    nFft: p.n_fft,
    trainingBetas: p.noise_schedule,
    fastBetas: p.inference_noise_schedule,
  };
}

/** The `params` entry of an unpickled checkpoint, when it has one. */
export function checkpointParams(object: PickleValue): DiffwaveParams | undefined {
  if (!(object instanceof PyDict) || !object.has('params')) return undefined;
  return parseParams(object.get('params'), "the checkpoint's params");
}
