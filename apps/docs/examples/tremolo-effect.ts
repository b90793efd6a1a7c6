/**
 * Plugin guide, effect example: a tremolo (amplitude modulation by a low-frequency cosine)
 * written against @voirs/core's `EffectPlugin` contract alone. `test/plugin-examples.test.ts` runs
 * core's `testEffect` conformance suite against it.
 */
// #region effect
import {
  ConfigError,
  InputError,
  MAX_CHANNELS,
  assertSampleRate,
  type AudioBuffer,
  type Effect,
  type EffectContext,
  type EffectPlugin,
} from '@voirs/core';

/** Parameters of the tremolo. */
export type TremoloParams = {
  /** Modulation rate, 0.1 to 20 Hz. */
  readonly rateHz: number;
  /** Modulation depth, 0 (none) to 1 (down to silence). */
  readonly depth: number;
};

const DEFAULTS: TremoloParams = Object.freeze({ rateHz: 5, depth: 0.5 });
const RANGES = { rateHz: [0.1, 20], depth: [0, 1] } as const;
/** Depth changes are ramped over this long, so that setParams never clicks. */
const RAMP_SECONDS = 0.01;

function paramError(field: string, message: string): ConfigError {
  return new ConfigError('E_EFFECT_PARAMS', `Invalid tremolo parameter "${field}": ${message}`, {
    details: { effect: 'tremolo', field },
  });
}

/** Validates `params` over `base`: TypeError for a non-object, `E_EFFECT_PARAMS` naming the field. */
function parseParams(
  params: Readonly<Record<string, unknown>>,
  base: TremoloParams,
): TremoloParams {
  if (params === null || typeof params !== 'object')
    throw new TypeError('tremolo parameters must be an object');
  const out: Record<string, number> = { ...base };
  for (const [field, value] of Object.entries(params)) {
    if (!(field in RANGES)) throw paramError(field, 'unknown parameter (known: rateHz, depth)');
    const [min, max] = RANGES[field as keyof typeof RANGES];
    if (typeof value !== 'number' || !(value >= min && value <= max)) {
      throw paramError(field, `expected a number in [${min}, ${max}], got ${String(value)}`);
    }
    out[field] = value;
  }
  return out as unknown as TremoloParams;
}

class Tremolo implements Effect {
  readonly name = 'tremolo';
  readonly latency = 0;
  #params: TremoloParams;
  #phase = 0;
  #depth: number;
  readonly #rampStep: number;

  constructor(
    params: TremoloParams,
    private readonly context: EffectContext,
  ) {
    this.#params = params;
    this.#depth = params.depth;
    this.#rampStep = 1 / Math.max(1, Math.round(RAMP_SECONDS * context.sampleRate));
  }

  process(block: AudioBuffer): AudioBuffer {
    const { sampleRate, channels } = this.context;
    if (block === null || typeof block !== 'object' || !(block.samples instanceof Float32Array)) {
      throw new TypeError('tremolo.process expects an AudioBuffer with Float32Array samples');
    }
    if (
      block.sampleRate !== sampleRate ||
      block.channels !== channels ||
      block.samples.length % channels !== 0
    ) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `The tremolo was created for ${channels} channel(s) at ${sampleRate} Hz; create one per stream format.`,
      );
    }
    const s = block.samples;
    if (!s.every(Number.isFinite))
      throw new InputError('E_AUDIO_INVALID', 'The tremolo needs finite samples.');
    const increment = (2 * Math.PI * this.#params.rateHz) / sampleRate;
    const target = this.#params.depth;
    for (let frame = 0; frame < s.length / channels; frame++) {
      if (this.#depth !== target) {
        const step = Math.min(this.#rampStep, Math.abs(target - this.#depth));
        this.#depth += Math.sign(target - this.#depth) * step;
      }
      const gain = 1 - this.#depth * (0.5 - 0.5 * Math.cos(this.#phase));
      for (let c = 0; c < channels; c++) s[frame * channels + c]! *= gain;
      this.#phase = (this.#phase + increment) % (2 * Math.PI);
    }
    return block;
  }

  setParams(params: Readonly<Record<string, unknown>>): void {
    this.#params = parseParams(params, this.#params);
  }

  reset(): void {
    this.#phase = 0;
    this.#depth = this.#params.depth;
  }
}

/** The `tremolo` effect plugin. */
export const tremoloEffect: EffectPlugin = Object.freeze({
  kind: 'effect' as const,
  name: 'tremolo',
  description: 'Amplitude modulation by a low-frequency cosine.',
  defaults: DEFAULTS,
  create(params: Readonly<Record<string, unknown>>, context: EffectContext): Effect {
    if (context === null || typeof context !== 'object')
      throw new TypeError('tremolo needs an EffectContext');
    assertSampleRate(context.sampleRate);
    if (
      !Number.isInteger(context.channels) ||
      context.channels < 1 ||
      context.channels > MAX_CHANNELS
    ) {
      throw new InputError('E_AUDIO_INVALID', `Invalid channel count ${context.channels}.`);
    }
    return new Tremolo(parseParams(params, DEFAULTS), context);
  },
});
// #endregion effect
