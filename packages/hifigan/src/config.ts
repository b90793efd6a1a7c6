/**
 * HiFi-GAN generator configurations: the official V1/V2/V3, `config.json` parsing (jik876's
 * snake_case keys) and the mel convention a configuration implies.
 */
import * as v from 'valibot';
import { HIFIGAN_PRESET, ModelError, deriveConvention, type MelConvention } from '@voirs/core';

/** The generator hyper-parameters (names as in jik876's config.json, camel-cased). */
export interface HifiganConfig {
  /** `'1'`: ResBlock1 (two convs per dilation, V1/V2); `'2'`: ResBlock2 (one conv, V3). */
  readonly resblock: '1' | '2';
  readonly upsampleRates: readonly number[];
  readonly upsampleKernelSizes: readonly number[];
  readonly upsampleInitialChannel: number;
  readonly resblockKernelSizes: readonly number[];
  readonly resblockDilationSizes: readonly (readonly number[])[];
  readonly nMels: number;
}

/** Built-in architecture names. */
export type HifiganArch = 'v1' | 'v2' | 'v3';

const V1: HifiganConfig = Object.freeze({
  resblock: '1',
  upsampleRates: [8, 8, 2, 2],
  upsampleKernelSizes: [16, 16, 4, 4],
  upsampleInitialChannel: 512,
  resblockKernelSizes: [3, 7, 11],
  resblockDilationSizes: [
    [1, 3, 5],
    [1, 3, 5],
    [1, 3, 5],
  ],
  nMels: 80,
});

/** The official configurations (jik876/hifi-gan config_v1/v2/v3.json). */
export const HIFIGAN_ARCHS: Readonly<Record<HifiganArch, HifiganConfig>> = Object.freeze({
  v1: V1,
  v2: Object.freeze({ ...V1, upsampleInitialChannel: 128 }),
  v3: Object.freeze({
    resblock: '2',
    upsampleRates: [8, 8, 4],
    upsampleKernelSizes: [16, 16, 8],
    upsampleInitialChannel: 256,
    resblockKernelSizes: [3, 5, 7],
    resblockDilationSizes: [
      [1, 2],
      [2, 6],
      [3, 12],
    ],
    nMels: 80,
  }),
});

const positiveInt = v.pipe(v.number(), v.integer(), v.minValue(1));
const intList = v.pipe(v.array(positiveInt), v.minLength(1));

/** The keys of config.json this package reads; the training keys around them are ignored. */
const ConfigJsonSchema = v.object({
  resblock: v.union([v.literal('1'), v.literal('2'), v.literal(1), v.literal(2)]),
  upsample_rates: intList,
  upsample_kernel_sizes: intList,
  upsample_initial_channel: positiveInt,
  resblock_kernel_sizes: intList,
  resblock_dilation_sizes: v.pipe(v.array(intList), v.minLength(1)),
  num_mels: v.optional(positiveInt, 80),
  sampling_rate: v.optional(positiveInt),
  n_fft: v.optional(positiveInt),
  hop_size: v.optional(positiveInt),
  win_size: v.optional(positiveInt),
  fmin: v.optional(v.pipe(v.number(), v.minValue(0))),
  fmax: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0)))),
});

/** A configuration with the mel convention it was trained on. */
export interface HifiganSetup {
  readonly config: HifiganConfig;
  readonly convention: MelConvention;
}

/** Channels of stage `stage`'s residual stream (as the official code computes them). */
export function stageChannels(config: HifiganConfig, stage: number): number {
  return Math.floor(config.upsampleInitialChannel / 2 ** (stage + 1));
}

/** Samples per mel frame: the product of the upsampling rates. */
export function hopOf(config: HifiganConfig): number {
  return config.upsampleRates.reduce((a, b) => a * b, 1);
}

/**
 * Checks the internal consistency of a configuration.
 * @throws ModelError `E_MODEL_CONFIG` naming the problem.
 */
export function validateConfig(config: HifiganConfig): HifiganConfig {
  const fail = (message: string): never => {
    throw new ModelError('E_MODEL_CONFIG', `Invalid HiFi-GAN config: ${message}`);
  };
  const stages = config.upsampleRates.length;
  if (config.upsampleKernelSizes.length !== stages) {
    fail(
      `${stages} upsample rates but ${config.upsampleKernelSizes.length} upsample kernel sizes.`,
    );
  }
  config.upsampleRates.forEach((u, i) => {
    const k = config.upsampleKernelSizes[i]!;
    if (k < u) fail(`upsample kernel ${k} is smaller than its rate ${u} (stage ${i}).`);
    if ((k - u) % 2 !== 0)
      fail(
        `upsample kernel ${k} minus rate ${u} must be even (stage ${i}) for an exact x${u} upsampling.`,
      );
  });
  if (config.resblockKernelSizes.length !== config.resblockDilationSizes.length) {
    fail(
      `${config.resblockKernelSizes.length} resblock kernel sizes but ${config.resblockDilationSizes.length} dilation lists.`,
    );
  }
  if (config.resblockKernelSizes.some((k) => k % 2 === 0)) {
    fail(
      `resblock kernel sizes must be odd (same-length convolutions), got [${config.resblockKernelSizes.join(', ')}].`,
    );
  }
  if (config.upsampleInitialChannel % 2 ** stages !== 0) {
    fail(
      `upsample_initial_channel ${config.upsampleInitialChannel} must be divisible by 2^${stages}.`,
    );
  }
  return config;
}

/**
 * Parses a jik876 `config.json` object into a configuration and its mel convention (the
 * `hifigan` preset with the file's sampling rate, FFT, hop, window, band count and range).
 * @throws ModelError `E_MODEL_CONFIG` listing what is missing or inconsistent.
 */
export function parseConfigJson(json: unknown, source = 'config.json'): HifiganSetup {
  const result = v.safeParse(ConfigJsonSchema, json);
  if (!result.success) {
    const problems = result.issues
      .map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
      .join('; ');
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${source} is not a HiFi-GAN generator config: ${problems}.`,
    );
  }
  const c = result.output;
  const config = validateConfig({
    resblock: String(c.resblock) as '1' | '2',
    upsampleRates: c.upsample_rates,
    upsampleKernelSizes: c.upsample_kernel_sizes,
    upsampleInitialChannel: c.upsample_initial_channel,
    resblockKernelSizes: c.resblock_kernel_sizes,
    resblockDilationSizes: c.resblock_dilation_sizes,
    nMels: c.num_mels,
  });
  const hop = hopOf(config);
  if (c.hop_size !== undefined && c.hop_size !== hop) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${source}: hop_size ${c.hop_size} differs from the product of upsample_rates (${hop}).`,
    );
  }
  return { config, convention: conventionFor(config, c) };
}

/** The `hifigan` preset adjusted to a configuration (and to config.json's frontend keys). */
export function conventionFor(
  config: HifiganConfig,
  frontend: {
    sampling_rate?: number;
    n_fft?: number;
    win_size?: number;
    fmin?: number;
    fmax?: number | null;
  } = {},
): MelConvention {
  const hop = hopOf(config);
  const nFft = frontend.n_fft ?? HIFIGAN_PRESET.nFft;
  const sampleRate = frontend.sampling_rate ?? HIFIGAN_PRESET.sampleRate;
  const changes = {
    sampleRate,
    nFft,
    hop,
    win: frontend.win_size ?? HIFIGAN_PRESET.win,
    padding: Math.floor((nFft - hop) / 2),
    nMels: config.nMels,
    fmin: frontend.fmin ?? HIFIGAN_PRESET.fmin,
    // jik876 configs give fmax explicitly; null (no limit) means Nyquist
    fmax: frontend.fmax === undefined ? HIFIGAN_PRESET.fmax : (frontend.fmax ?? sampleRate / 2),
  };
  const same = (Object.keys(changes) as (keyof typeof changes)[]).every(
    (k) => changes[k] === HIFIGAN_PRESET[k],
  );
  return same
    ? HIFIGAN_PRESET
    : deriveConvention(HIFIGAN_PRESET, { ...changes, name: `hifigan-${sampleRate}` });
}

/** Looks up a built-in architecture, with the valid names in the error. */
export function archConfig(arch: string): HifiganConfig {
  const key = arch.toLowerCase();
  // own keys only: "constructor" or "__proto__" must not reach Object.prototype
  const config = Object.hasOwn(HIFIGAN_ARCHS, key)
    ? (HIFIGAN_ARCHS as Record<string, HifiganConfig>)[key]
    : undefined;
  if (config === undefined) {
    throw new ModelError(
      'E_MODEL_ARCH',
      `Unknown HiFi-GAN architecture "${arch}". Built-in: ${Object.keys(HIFIGAN_ARCHS).join(', ')}; ` +
        'for another configuration pass its config.json.',
    );
  }
  return config;
}
