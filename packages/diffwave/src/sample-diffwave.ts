/**
 * One DiffWave sampling run on a backend session: the sampling loop in TypeScript, one network
 * evaluation per step. Used by the vocoder, and directly for unconditional models (which generate
 * audio without a mel).
 */
import {
  BackendError,
  InputError,
  createTensor,
  type MelSpectrogram,
  type Session,
} from '@voirs/core';
import { AUDIO_INPUT, MEL_INPUT, NOISE_OUTPUT, STEP_INPUT } from './graph.js';
import type { DiffwaveModel } from './model.js';
import { explicitNoise, seededNoise } from './noise-source.js';
import { sampleAdaptive } from './samplers/adaptive.js';
import { sampleDdim } from './samplers/ddim.js';
import { sampleDdpm } from './samplers/ddpm.js';
import type { Denoiser, SampleResult, SamplerRun } from './samplers/sampler-run.js';
import { planSampling } from './synthesis-options.js';

/** What to sample. */
export interface SampleRequest {
  /** The conditioning mel (conditional models; its convention is the caller's to check). */
  readonly mel?: MelSpectrogram;
  /** Output length for unconditional models (conditional ones use hop x frames). */
  readonly samples?: number;
  /** Seed of the documented noise generator (uint32; default 0). Ignored when options.noise is given. */
  readonly seed?: number;
  /** Sampler, schedule, steps, eta, noise… (see synthesis-options.ts). */
  readonly options?: unknown;
  readonly signal?: AbortSignal;
  /** Called with the completed fraction after every step. */
  readonly onProgress?: (fraction: number) => void;
}

/** The model facts sampling needs (a {@link DiffwaveModel} has them). */
export type SamplingModel = Pick<DiffwaveModel, 'config' | 'hop' | 'trainingBetas' | 'fastBetas'>;

/** The error for a network output holding NaN or Infinity (e.g. mel values near the float32 limit). */
function nonFiniteOutput(step: number, mel: MelSpectrogram | undefined): BackendError {
  const range =
    mel === undefined
      ? ''
      : ` The mel ranges over [${mel.data.reduce((a, b) => Math.min(a, b), Infinity)}, ` +
        `${mel.data.reduce((a, b) => Math.max(a, b), -Infinity)}]; DiffWave mels lie in [0, 1], so check its scale and convention.`;
  return new BackendError(
    'E_BACKEND_RUN',
    `The DiffWave network produced NaN or Infinity at diffusion step ${Number(step.toFixed(3))}.${range}`,
    { details: { step } },
  );
}

/**
 * Runs the sampler the options describe with the model's denoiser `session`.
 * @throws InputError `E_MEL_SHAPE` (mel missing, or not the model's band count), `E_INVALID_ARGUMENT`
 * (bad `samples`), `E_NOISE_SHAPE`; ConfigError `E_CONFIG_INVALID` / `E_SCHEDULE_INVALID`;
 * AbortError `E_ABORTED`; BackendError `E_BACKEND_RUN` when the network outputs NaN or Infinity
 * (instead of returning NaN audio).
 */
export async function sampleDiffwave(
  session: Session,
  model: SamplingModel,
  request: SampleRequest,
): Promise<SampleResult> {
  const { config, hop } = model;
  const { mel } = request;
  let length: number;
  if (config.unconditional) {
    if (mel !== undefined)
      throw new InputError('E_MEL_SHAPE', 'This DiffWave model is unconditional: it takes no mel.');
    length = request.samples ?? 0;
    if (!Number.isSafeInteger(length) || length < 1) {
      throw new InputError(
        'E_INVALID_ARGUMENT',
        `An unconditional model needs samples >= 1, got ${String(request.samples)}.`,
      );
    }
  } else {
    if (mel === undefined)
      throw new InputError('E_MEL_SHAPE', 'This DiffWave model is conditional: give it a mel.');
    if (mel.nMels !== config.nMels) {
      throw new InputError(
        'E_MEL_SHAPE',
        `The mel has ${mel.nMels} bands but the model was trained on ${config.nMels}.`,
      );
    }
    length = mel.frames * hop;
  }
  const plan = planSampling(request.options, {
    training: model.trainingBetas,
    fast: model.fastBetas,
  });
  const noise =
    plan.noise === undefined
      ? seededNoise(request.seed ?? 0, length)
      : explicitNoise(plan.noise, length, plan.noiseRows);
  const melTensor =
    mel === undefined ? undefined : createTensor('float32', mel.data, [1, mel.nMels, mel.frames]);
  const denoise: Denoiser = async (x, step) => {
    const feeds = {
      [AUDIO_INPUT]: createTensor('float32', x, [1, length]),
      [STEP_INPUT]: createTensor('float32', Float32Array.of(step), [1]),
      ...(melTensor === undefined ? {} : { [MEL_INPUT]: melTensor }),
    };
    const out = await session.run(feeds, { signal: request.signal });
    const eps = out[NOISE_OUTPUT]!.data as Float32Array;
    if (!eps.every(Number.isFinite)) throw nonFiniteOutput(step, mel);
    return eps;
  };
  const run: SamplerRun = {
    denoise,
    noise,
    signal: request.signal,
    onStep:
      request.onProgress === undefined
        ? undefined
        : (done, planned) => request.onProgress!(done / planned),
  };
  switch (plan.sampler) {
    case 'ddpm':
      return sampleDdpm(plan.levels, run);
    case 'ddim':
      return sampleDdim(plan.levels, { eta: plan.eta }, run);
    case 'adaptive':
      return sampleAdaptive(plan.levels, plan, run);
  }
}
