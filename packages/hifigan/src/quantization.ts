/**
 * Post-training int8 quantisation of a HiFi-GAN generator, done in TypeScript when the model is
 * loaded: weights are quantised per output channel (symmetric int8), activations get static uint8
 * ranges measured by running the fp32 generator on calibration mels (a probe graph that also outputs
 * the value at every quantisation point, graph.ts). The result runs in onnxruntime as QLinearConv,
 * QLinearLeakyRelu and QLinearAdd on uint8 activations.
 *
 * The default calibration mel is synthetic speech computed with the model's own mel convention:
 * voiced segments (a glottal pulse train with a moving pitch through three formant resonators),
 * unvoiced noise bursts and near-silence, at several levels. Pass real mels for tighter ranges.
 */
import {
  ConfigError,
  ModelError,
  createMel,
  createTensor,
  type MelConvention,
  type MelSpectrogram,
  type Session,
} from '@voirs/core';
import { BiquadFilter, biquadCoefficients, computeMel, gaussianNoise } from '@voirs/dsp';
import { MEL_INPUT, probeName, type ActivationRange } from './graph.js';
import type { HifiganModel } from './model.js';

/** Options of {@link quantizeHifiganModel}. */
export interface QuantizeOptions {
  /** Calibration mels in the model's convention (default: {@link calibrationMel}). */
  readonly mels?: readonly MelSpectrogram[];
  /** Widen every measured range by this factor (>= 1) to leave headroom for louder inputs (default 1.1). */
  readonly headroom?: number;
  /**
   * Fraction of the calibration values at each quantisation point left outside its range on each
   * side (clipped at run time), so that rare outliers do not coarsen the uint8 steps for everything
   * else (default 1e-3; 0 keeps the full min..max). With V2 on the first 6 LJSpeech clips, 1e-3 gave
   * the best DNSMOS of the values tried (0, 1e-4, 1e-3, 3e-3, 1e-2; packages/hifigan/README.md).
   */
  readonly clip?: number;
}

const VOWELS: readonly (readonly [number, number, number])[] = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [570, 840, 2410],
  [300, 870, 2240],
  [530, 1840, 2480],
];

/** About four seconds of synthetic speech-like audio turned into a mel of `convention`. */
export function calibrationMel(convention: MelConvention): MelSpectrogram {
  const sr = convention.sampleRate;
  const segment = Math.round(0.35 * sr);
  const out = new Float32Array(12 * segment);
  const noise = gaussianNoise(20261125, 0, out.length);
  let phase = 0;
  for (let s = 0; s < 12; s++) {
    const start = s * segment;
    const block = out.subarray(start, start + segment);
    const level = [0.05, 0.2, 0.5][s % 3]!;
    if (s % 4 === 3) {
      // unvoiced: high-passed noise (a fricative)
      const hp = new BiquadFilter(
        biquadCoefficients('highpass', { frequency: Math.min(3000, sr / 4) }, sr),
      );
      hp.process(
        noise.subarray(start, start + segment).map((x) => x * level * 0.5),
        block,
      );
    } else if (s === 6) {
      block.set(noise.subarray(start, start + segment).map((x) => x * 1e-4)); // near silence
    } else {
      const pulses = new Float32Array(segment);
      for (let i = 0; i < segment; i++) {
        const f0 = 95 + 120 * (0.5 + 0.5 * Math.sin((2 * Math.PI * (start + i)) / (1.7 * sr)));
        phase += f0 / sr;
        if (phase >= 1) {
          phase -= 1;
          pulses[i] = 1;
        }
      }
      const formants = VOWELS[s % VOWELS.length]!.filter((f) => f < sr / 2 - 500);
      const filter = new BiquadFilter(
        formants.map((f) => biquadCoefficients('bandpass', { frequency: f, q: 8 }, sr)),
      );
      filter.process(pulses, block);
      let peak = 1e-9;
      for (const x of block) peak = Math.max(peak, Math.abs(x));
      for (let i = 0; i < segment; i++)
        block[i] = (block[i]! / peak) * level + noise[start + i]! * 1e-3;
    }
  }
  return computeMel(out, convention);
}

/** Bins of the histogram a clipped range is read from. */
const RANGE_BINS = 4096;

/**
 * [lo, hi] of `data` leaving at most `clip` of its values below lo and above hi (read from a
 * histogram, so within one bin of the exact quantiles; the full min..max when `clip` is 0).
 */
export function clippedRange(data: Float32Array, clip: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (data.length === 0) return [0, 0];
  if (!(clip > 0) || max === min) return [min, max];
  const bins = new Float64Array(RANGE_BINS);
  const width = (max - min) / RANGE_BINS;
  for (const v of data) {
    const bin = Math.min(RANGE_BINS - 1, Math.floor((v - min) / width));
    bins[bin] = bins[bin]! + 1;
  }
  const allowed = clip * data.length;
  let lo = 0;
  for (let seen = 0; lo < RANGE_BINS - 1 && seen + bins[lo]! <= allowed; lo++) seen += bins[lo]!;
  let hi = RANGE_BINS - 1;
  for (let seen = 0; hi > lo && seen + bins[hi]! <= allowed; hi--) seen += bins[hi]!;
  return [min + lo * width, min + (hi + 1) * width];
}

/** Runs the probe graph and records the (clipped) range of every quantisation point. */
async function measureRanges(
  session: Session,
  points: readonly string[],
  mels: readonly MelSpectrogram[],
  clip: number,
): Promise<Map<string, [number, number]>> {
  const ranges = new Map(points.map((p) => [p, [0, 0] as [number, number]]));
  for (const mel of mels) {
    const outputs = await session.run({
      [MEL_INPUT]: createTensor('float32', mel.data, [1, mel.nMels, mel.frames]),
    });
    for (const point of points) {
      const data = outputs[probeName(point)]?.data as Float32Array | undefined;
      if (data === undefined)
        throw new ModelError('E_MODEL_CONFIG', `The probe graph has no output for ${point}.`);
      const r = ranges.get(point)!;
      const [lo, hi] = clippedRange(data, clip);
      r[0] = Math.min(r[0], lo);
      r[1] = Math.max(r[1], hi);
    }
  }
  return ranges;
}

/**
 * Quantises an fp32 model: calibrates on `options.mels` with a session made by `createSession`
 * (the caller's backend), then returns the int8 model (its `onnx`, and a `build` that keeps the
 * ranges, so the masked batch variant is int8 too).
 * @throws ModelError `E_MODEL_CONFIG` for a model without float weights (an int8 ONNX file).
 */
export async function quantizeHifiganModel(
  model: HifiganModel,
  createSession: (onnx: Uint8Array) => Promise<Session>,
  options: QuantizeOptions = {},
): Promise<HifiganModel> {
  const build = model.build;
  if (build === undefined || model.precision !== 'fp32') {
    throw new ModelError('E_MODEL_CONFIG', 'Only an fp32 model with its weights can be quantised.');
  }
  const headroom = options.headroom ?? 1.1;
  const clip = options.clip ?? 1e-3;
  if (!(clip >= 0 && clip < 0.5))
    throw new ConfigError('E_INVALID_ARGUMENT', `clip must be in [0, 0.5), got ${String(clip)}.`);
  if (!(headroom >= 1 && Number.isFinite(headroom)))
    throw new ConfigError('E_INVALID_ARGUMENT', `headroom must be >= 1, got ${String(headroom)}.`);
  const mels = options.mels ?? [calibrationMel(model.convention)];
  for (const mel of mels) createMel(mel.data, mel.nMels, model.convention);
  const session = await createSession(build({ probe: true }));
  let measured;
  try {
    const points = session.outputNames
      .filter((n) => n.startsWith('probe:'))
      .map((n) => n.slice('probe:'.length));
    measured = await measureRanges(session, points, mels, clip);
  } finally {
    await session.dispose();
  }
  const activationRanges = new Map<string, ActivationRange>();
  for (const [point, r] of measured)
    activationRanges.set(point, [r[0] * headroom, r[1] * headroom]);
  const quantizedBuild = (opts: Parameters<typeof build>[0]) =>
    build({ ...opts, precision: 'int8', activationRanges });
  return { ...model, onnx: quantizedBuild({}), precision: 'int8', build: quantizedBuild };
}
