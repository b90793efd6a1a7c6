/**
 * The DiffWave denoiser's hyper-parameters (lmnt-com/diffwave `params.py`), the official base
 * configuration, and the facts fixed by the architecture itself.
 */
import { ModelError } from '@voirs/core';

/** The network's hyper-parameters. */
export interface DiffwaveConfig {
  /** Residual layers (official base: 30). */
  readonly residualLayers: number;
  /** Residual channels C (official base: 64). */
  readonly residualChannels: number;
  /** Layer `i` uses dilation `2^(i mod dilationCycle)` (official: 10). */
  readonly dilationCycle: number;
  /** Mel bands of the conditioner (official: 80). */
  readonly nMels: number;
  /** True for the unconditional variant (no spectrogram upsampler, no conditioner projections). */
  readonly unconditional: boolean;
}

/** The official base model (`params.py`: 30 layers, 64 channels, dilation cycle 10, 80 mels). */
export const DIFFWAVE_BASE: DiffwaveConfig = Object.freeze({
  residualLayers: 30,
  residualChannels: 64,
  dilationCycle: 10,
  nMels: 80,
  unconditional: false,
});

/** Samples per mel frame: the spectrogram upsampler's two x16 transposed convolutions. */
export const DIFFWAVE_HOP = 256;
/** Width of the sinusoidal step embedding (64 sines, 64 cosines). */
export const EMBEDDING_WIDTH = 128;
/** Width of the step-embedding MLP (Linear(128, 512) -> SiLU -> Linear(512, 512) -> SiLU). */
export const EMBEDDING_HIDDEN = 512;

/** Dilation of residual layer `layer`. */
export function dilationOf(config: DiffwaveConfig, layer: number): number {
  return 2 ** (layer % config.dilationCycle);
}

/** A short description for messages, e.g. `30 layers x 64 channels, dilation cycle 10, 80 mels`. */
export function describeConfig(config: DiffwaveConfig): string {
  return (
    `${config.residualLayers} layers x ${config.residualChannels} channels, dilation cycle ${config.dilationCycle}, ` +
    (config.unconditional ? 'unconditional' : `${config.nMels} mels`)
  );
}

/** `base` for the official configuration, else `<layers>x<channels>` (`-uncond` when unconditional). */
export function archName(config: DiffwaveConfig): string {
  const same = (Object.keys(DIFFWAVE_BASE) as (keyof DiffwaveConfig)[]).every(
    (k) => config[k] === DIFFWAVE_BASE[k],
  );
  if (same) return 'base';
  return `${config.residualLayers}x${config.residualChannels}${config.unconditional ? '-uncond' : ''}`;
}

/**
 * Checks a configuration.
 * @throws ModelError `E_MODEL_CONFIG` naming the bad field.
 */
export function validateConfig(config: DiffwaveConfig): DiffwaveConfig {
  const positive = ['residualLayers', 'residualChannels', 'dilationCycle', 'nMels'] as const;
  for (const key of positive) {
    const value = config[key];
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new ModelError(
        'E_MODEL_CONFIG',
        `Invalid DiffWave config: ${key} must be a positive integer, got ${String(value)}.`,
      );
    }
  }
  if (config.dilationCycle > 30) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `Invalid DiffWave config: a dilation cycle of ${config.dilationCycle} gives dilations up to 2^${config.dilationCycle - 1}; ` +
        'the official models use 10.',
    );
  }
  if (typeof config.unconditional !== 'boolean') {
    throw new ModelError(
      'E_MODEL_CONFIG',
      'Invalid DiffWave config: unconditional must be a boolean.',
    );
  }
  return Object.freeze({ ...config });
}
