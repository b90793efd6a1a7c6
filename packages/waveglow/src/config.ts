/**
 * WaveGlow hyper-parameters: NVIDIA's published configuration, the channel schedule of the flows
 * (which flows emit early outputs), and their consistency rules.
 */
import { ModelError } from '@voirs/core';

/** The coupling network (WN) of every flow. */
export interface WnConfig {
  readonly nLayers: number;
  readonly nChannels: number;
  /** Odd kernel of the dilated `in_layers` (dilation 2^i). */
  readonly kernelSize: number;
}

/** A WaveGlow configuration (NVIDIA's `waveglow_config` keys, camel-cased, plus the upsampler). */
export interface WaveglowConfig {
  readonly nMelChannels: number;
  readonly nFlows: number;
  /** Audio samples grouped into one time step (channels of the first flow). */
  readonly nGroup: number;
  /** Every `nEarlyEvery` flows (k > 0), `nEarlySize` channels are output early. */
  readonly nEarlyEvery: number;
  readonly nEarlySize: number;
  readonly wn: WnConfig;
  /** Kernel of the `ConvTranspose1d` mel upsampler (NVIDIA: 1024). */
  readonly upsampleKernel: number;
  /** Its stride: audio samples per mel frame (NVIDIA: 256). */
  readonly upsampleStride: number;
}

/** NVIDIA's published WaveGlow (waveglow_256channels): 12 flows, group 8, WN 8 x 256. */
export const WAVEGLOW_CONFIG: WaveglowConfig = Object.freeze({
  nMelChannels: 80,
  nFlows: 12,
  nGroup: 8,
  nEarlyEvery: 4,
  nEarlySize: 2,
  wn: Object.freeze({ nLayers: 8, nChannels: 256, kernelSize: 3 }),
  upsampleKernel: 1024,
  upsampleStride: 256,
});

/** True when the inverse pass prepends `sigma * z` (nEarlySize channels) after flow `k`. */
export function isEarlyFlow(config: WaveglowConfig, k: number): boolean {
  return config.nEarlySize > 0 && k > 0 && k % config.nEarlyEvery === 0;
}

/** Channels flow `k` works on (NVIDIA's `n_remaining_channels` when flow k was created). */
export function flowChannels(config: WaveglowConfig, k: number): number {
  let channels = config.nGroup;
  for (let j = 1; j <= k; j++) if (isEarlyFlow(config, j)) channels -= config.nEarlySize;
  return channels;
}

/** The flows that emit early outputs, in the order the inverse pass meets them (descending). */
export function earlyFlows(config: WaveglowConfig): number[] {
  const flows: number[] = [];
  for (let k = config.nFlows - 1; k > 0; k--) if (isEarlyFlow(config, k)) flows.push(k);
  return flows;
}

/** Channels of the last flow: the rows of z the inverse pass starts from. */
export function remainingChannels(config: WaveglowConfig): number {
  return flowChannels(config, config.nFlows - 1);
}

/**
 * Checks that a configuration describes a WaveGlow NVIDIA's code can build and this package can
 * run, and returns it.
 * @throws ModelError `E_MODEL_CONFIG` naming the problem.
 */
export function validateConfig(config: WaveglowConfig): WaveglowConfig {
  const fail = (message: string): never => {
    throw new ModelError('E_MODEL_CONFIG', `Invalid WaveGlow config: ${message}`);
  };
  const ints: [string, unknown, number][] = [
    ['n_mel_channels', config.nMelChannels, 1],
    ['n_flows', config.nFlows, 1],
    ['n_group', config.nGroup, 2],
    ['n_early_every', config.nEarlyEvery, 1],
    ['n_early_size', config.nEarlySize, 0],
    ['WN n_layers', config.wn?.nLayers, 1],
    ['WN n_channels', config.wn?.nChannels, 2],
    ['WN kernel_size', config.wn?.kernelSize, 1],
    ['upsample kernel', config.upsampleKernel, 1],
    ['upsample stride', config.upsampleStride, 1],
  ];
  for (const [name, value, min] of ints) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
      fail(`${name} must be an integer >= ${min}, got ${String(value)}.`);
    }
  }
  if (config.nGroup % 2 !== 0) fail(`n_group ${config.nGroup} must be even.`);
  if (config.nEarlySize % 2 !== 0) fail(`n_early_size ${config.nEarlySize} must be even.`);
  if (config.wn.nChannels % 2 !== 0) fail(`WN n_channels ${config.wn.nChannels} must be even.`);
  if (config.wn.kernelSize % 2 !== 1) fail(`WN kernel_size ${config.wn.kernelSize} must be odd.`);
  if (config.wn.nLayers > 30)
    fail(
      `WN n_layers ${config.wn.nLayers} is beyond any real model (dilation 2^${config.wn.nLayers - 1}).`,
    );
  if (remainingChannels(config) < 2) {
    fail(
      `n_group ${config.nGroup} leaves ${remainingChannels(config)} channels after the early outputs ` +
        `(every ${config.nEarlyEvery} of ${config.nFlows} flows, ${config.nEarlySize} each); every flow needs at least 2.`,
    );
  }
  if (config.upsampleKernel < config.upsampleStride) {
    fail(
      `the upsampler's kernel ${config.upsampleKernel} is shorter than its stride ${config.upsampleStride}.`,
    );
  }
  if (config.upsampleStride % config.nGroup !== 0) {
    fail(
      `the hop (upsampler stride ${config.upsampleStride}) must be a multiple of n_group ${config.nGroup}.`,
    );
  }
  return config;
}

/** One line describing a configuration, for messages. */
export function describeConfig(config: WaveglowConfig): string {
  return (
    `${config.nMelChannels} mels, ${config.nFlows} flows, group ${config.nGroup}, early every ` +
    `${config.nEarlyEvery} size ${config.nEarlySize}, WN ${config.wn.nLayers} x ${config.wn.nChannels} ` +
    `kernel ${config.wn.kernelSize}, upsampler ${config.upsampleKernel}/${config.upsampleStride}`
  );
}

/** True when two configurations are the same. */
export function sameConfig(a: WaveglowConfig, b: WaveglowConfig): boolean {
  return describeConfig(a) === describeConfig(b);
}
