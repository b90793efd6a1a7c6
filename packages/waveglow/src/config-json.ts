/**
 * NVIDIA's `config.json` (the file `train.py` and `inference.py` read): the WaveGlow
 * hyper-parameters under `waveglow_config` and the mel frontend under `data_config`. The
 * `waveglow_config` object alone (its keys at the top level) is accepted too.
 */
import * as v from 'valibot';
import { ModelError } from '@voirs/core';
import type { WnConfig } from './config.js';

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));

const WaveglowJsonSchema = v.object({
  n_mel_channels: v.optional(positiveInt),
  n_flows: positiveInt,
  n_group: positiveInt,
  n_early_every: positiveInt,
  n_early_size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  WN_config: v.object({ n_layers: positiveInt, n_channels: positiveInt, kernel_size: positiveInt }),
});

const DataJsonSchema = v.object({
  sampling_rate: v.optional(positiveInt),
  filter_length: v.optional(positiveInt),
  hop_length: v.optional(positiveInt),
  win_length: v.optional(positiveInt),
  n_mel_channels: v.optional(positiveInt),
  mel_fmin: v.optional(v.pipe(v.number(), v.minValue(0))),
  mel_fmax: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0)))),
});

/** The flow hyper-parameters a config.json declares (the upsampler is read from the weights). */
export interface DeclaredFlows {
  readonly nMelChannels?: number;
  readonly nFlows: number;
  readonly nGroup: number;
  readonly nEarlyEvery: number;
  readonly nEarlySize: number;
  readonly wn: WnConfig;
}

/** The mel frontend keys of `data_config` (NVIDIA's names). */
export type FrontendKeys = v.InferOutput<typeof DataJsonSchema>;

/** What a config.json says. */
export interface WaveglowJson {
  /** Absent when the file has only `data_config`. */
  readonly flows?: DeclaredFlows;
  readonly frontend: FrontendKeys;
}

function problems(issues: readonly v.BaseIssue<unknown>[], prefix: string): string {
  return issues.map((i) => `${prefix}${v.getDotPath(i) ?? '(root)'}: ${i.message}`).join('; ');
}

/**
 * Parses a config.json object.
 * @throws ModelError `E_MODEL_CONFIG` naming every bad key, or when the object holds neither
 * `waveglow_config` nor `data_config` (nor the waveglow keys at the top level).
 */
export function parseWaveglowJson(json: unknown, source = 'config.json'): WaveglowJson {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new ModelError('E_MODEL_CONFIG', `${source} is not a JSON object.`);
  }
  const record = json as Record<string, unknown>;
  const flowsJson = record.waveglow_config ?? ('n_flows' in record ? record : undefined);
  const dataJson = record.data_config;
  if (flowsJson === undefined && dataJson === undefined) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${source} is not a WaveGlow config: it has no "waveglow_config" or "data_config" ` +
        `(keys: ${Object.keys(record).slice(0, 10).join(', ') || 'none'}).`,
    );
  }
  let flows: DeclaredFlows | undefined;
  if (flowsJson !== undefined) {
    const parsed = v.safeParse(WaveglowJsonSchema, flowsJson);
    if (!parsed.success) {
      throw new ModelError(
        'E_MODEL_CONFIG',
        `${source}: ${problems(parsed.issues, 'waveglow_config.')}.`,
      );
    }
    const c = parsed.output;
    flows = {
      ...(c.n_mel_channels === undefined ? {} : { nMelChannels: c.n_mel_channels }),
      nFlows: c.n_flows,
      nGroup: c.n_group,
      nEarlyEvery: c.n_early_every,
      nEarlySize: c.n_early_size,
      wn: {
        nLayers: c.WN_config.n_layers,
        nChannels: c.WN_config.n_channels,
        kernelSize: c.WN_config.kernel_size,
      },
    };
  }
  const data = v.safeParse(DataJsonSchema, dataJson ?? {});
  if (!data.success)
    throw new ModelError('E_MODEL_CONFIG', `${source}: ${problems(data.issues, 'data_config.')}.`);
  return { flows, frontend: data.output };
}
