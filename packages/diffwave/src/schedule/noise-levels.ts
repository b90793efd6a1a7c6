/**
 * From schedules to the noise levels a sampler walks through, each with the (possibly fractional)
 * training step the network is told.
 *
 * DiffWave's network only knows the noise levels it was trained on: `alpha_bar[t]`, t = 0 .. T-1,
 * of its training schedule. An inference schedule (the official fast one, or any other) reaches
 * other levels, so each of its steps s is mapped, exactly as the official `inference.py` does, to a
 * fractional training step `t + twiddle` where `talpha_bar[t + 1] <= alpha_bar[s] <= talpha_bar[t]`
 * and `twiddle = (sqrt(talpha_bar[t]) - sqrt(alpha_bar[s])) / (sqrt(talpha_bar[t]) - sqrt(talpha_bar[t + 1]))`,
 * rounded to float32 as the official code does. The network's step embedding is interpolated
 * between the rows of `t` and `t + 1`.
 */
import { ConfigError } from '@voirs/core';
import { alphaCumulative } from './validate-betas.js';

/** One step of a sampling plan, from the least noisy (index 0) to the noisiest. */
export interface NoiseLevel {
  /** The inference beta of this step. */
  readonly beta: number;
  /** Cumulative product of `1 - beta` up to this step (alpha-bar). */
  readonly alphaCum: number;
  /** The training step told to the network (float32; fractional between training steps). */
  readonly step: number;
}

/**
 * Maps each inference step onto a fractional training step (see the module comment).
 * @throws ConfigError `E_SCHEDULE_INVALID` when a step's noise level lies outside the range the
 * model was trained on.
 */
export function fractionalSteps(
  training: readonly number[],
  inference: readonly number[],
): Float32Array {
  if (training.length < 2) {
    throw new ConfigError(
      'E_SCHEDULE_INVALID',
      `The training schedule has ${training.length} step; at least 2 are needed to map inference steps.`,
    );
  }
  const talpha = alphaCumulative(training);
  const alpha = alphaCumulative(inference);
  const out = new Float32Array(inference.length);
  for (let s = 0; s < inference.length; s++) {
    const a = alpha[s]!;
    let found = false;
    for (let t = 0; t < training.length - 1; t++) {
      if (talpha[t + 1]! <= a && a <= talpha[t]!) {
        const twiddle =
          (Math.sqrt(talpha[t]!) - Math.sqrt(a)) /
          (Math.sqrt(talpha[t]!) - Math.sqrt(talpha[t + 1]!));
        out[s] = t + twiddle;
        found = true;
        break;
      }
    }
    if (!found) {
      const [low, high] = [talpha[training.length - 1]!, talpha[0]!];
      throw new ConfigError(
        'E_SCHEDULE_INVALID',
        `Inference step ${s} reaches alpha_bar = ${a.toPrecision(6)}, outside the noise levels the model was trained on ` +
          `[${low.toPrecision(6)}, ${high.toPrecision(6)}]. ` +
          (a > high
            ? `Its first beta must be at least the training schedule's first beta (${training[0]}).`
            : 'Use fewer or smaller betas so that the total noise stays within the training schedule.'),
        { details: { step: s, alphaCum: a, trainedRange: [low, high] } },
      );
    }
  }
  return out;
}

/** The levels of an inference schedule, with steps mapped onto the training schedule. */
export function scheduleLevels(
  training: readonly number[],
  inference: readonly number[],
): NoiseLevel[] {
  const steps = fractionalSteps(training, inference);
  const alpha = alphaCumulative(inference);
  return inference.map((beta, s) => ({ beta, alphaCum: alpha[s]!, step: steps[s]! }));
}

/**
 * The training steps a `steps`-step sampler visits: `floor(i * (T - 1) / (steps - 1) + 0.5)` for
 * i = 0 .. steps-1 (evenly spaced, first 0 and last T - 1); `[T - 1]` for one step.
 * @throws ConfigError `E_CONFIG_INVALID` when `steps` is not in 1 .. T.
 */
export function evenTimesteps(trainingSteps: number, steps: number): number[] {
  if (!Number.isSafeInteger(steps) || steps < 1 || steps > trainingSteps) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Invalid synthesis config: options.steps must be an integer from 1 to ${trainingSteps} (the model's training steps), got ${steps}.`,
    );
  }
  if (steps === 1) return [trainingSteps - 1];
  return Array.from({ length: steps }, (_, i) =>
    Math.floor((i * (trainingSteps - 1)) / (steps - 1) + 0.5),
  );
}

/**
 * Levels at `steps` evenly spaced training steps (see {@link evenTimesteps}): alpha-bar is the
 * training value there, the step is exact, and beta is the respaced `1 - alpha_bar[i] / alpha_bar[i-1]`
 * (Nichol & Dhariwal's respacing), so DDPM with `steps = T` is DDPM on the training schedule.
 */
export function evenLevels(training: readonly number[], steps: number): NoiseLevel[] {
  const talpha = alphaCumulative(training);
  let previous = 1;
  return evenTimesteps(training.length, steps).map((t) => {
    const alphaCum = talpha[t]!;
    const level = { beta: 1 - alphaCum / previous, alphaCum, step: t };
    previous = alphaCum;
    return level;
  });
}
