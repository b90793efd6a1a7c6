/**
 * Post-training int8 quantisation of a HiFi-GAN generator, done in TypeScript when the model is
 * loaded: weights are quantised per output channel (symmetric int8), activations get static uint8
 * ranges measured by running the fp32 generator on calibration mels (a probe graph that also outputs
 * every convolution's input and output). The result runs as QLinearConv in onnxruntime.
 *
 * The default calibration mel is synthetic speech computed with the model's own mel convention:
 * voiced segments (a glottal pulse train with a moving pitch through three formant resonators),
 * unvoiced noise bursts and near-silence, at several levels. Pass real mels for tighter ranges.
 */
import {
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
  /** Widen every measured range by this factor to leave headroom for louder inputs (default 1.1). */
  readonly headroom?: number;
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

/** Runs the probe graph and records each convolution's input/output range. */
async function measureRanges(
  session: Session,
  layers: readonly string[],
  mels: readonly MelSpectrogram[],
): Promise<Map<string, { x: [number, number]; y: [number, number] }>> {
  const ranges = new Map(
    layers.map((l) => [l, { x: [0, 0] as [number, number], y: [0, 0] as [number, number] }]),
  );
  for (const mel of mels) {
    const outputs = await session.run({
      [MEL_INPUT]: createTensor('float32', mel.data, [1, mel.nMels, mel.frames]),
    });
    for (const layer of layers) {
      const range = ranges.get(layer)!;
      for (const which of ['x', 'y'] as const) {
        const data = outputs[probeName(layer, which)]?.data as Float32Array | undefined;
        if (data === undefined)
          throw new ModelError('E_MODEL_CONFIG', `The probe graph has no output for ${layer}.`);
        const r = range[which];
        for (const v of data) {
          if (v < r[0]) r[0] = v;
          if (v > r[1]) r[1] = v;
        }
      }
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
  const mels = options.mels ?? [calibrationMel(model.convention)];
  for (const mel of mels) createMel(mel.data, mel.nMels, model.convention);
  const headroom = options.headroom ?? 1.1;
  const session = await createSession(build({ probe: true }));
  let measured;
  try {
    const layers = [
      ...new Set(
        session.outputNames.filter((n) => n.startsWith('probe:')).map((n) => n.split(':')[1]!),
      ),
    ];
    measured = await measureRanges(session, layers, mels);
  } finally {
    await session.dispose();
  }
  const activationRanges = new Map<string, ActivationRange>();
  for (const [layer, r] of measured) {
    activationRanges.set(layer, {
      x: [r.x[0] * headroom, r.x[1] * headroom],
      y: [r.y[0] * headroom, r.y[1] * headroom],
    });
  }
  const quantizedBuild = (opts: Parameters<typeof build>[0]) =>
    build({ ...opts, precision: 'int8', activationRanges });
  return { ...model, onnx: quantizedBuild({}), precision: 'int8', build: quantizedBuild };
}
