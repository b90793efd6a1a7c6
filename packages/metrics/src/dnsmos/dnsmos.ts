/**
 * DNSMOS (Reddy, Gopal, Cutler, Microsoft): non-intrusive MOS predictions from the published ONNX
 * models, P.835 (`sig_bak_ovr.onnx`: speech quality SIG, background BAK, overall OVRL) and P.808
 * (`model_v8.onnx`), with the windowing and polynomial mapping of the reference script: audio
 * resampled to 16 kHz and mixed to mono; clips shorter than 9.01 s repeated (doubled until long
 * enough); windows of 144160 samples every 16000 samples, `floor(seconds - 9.01) + 1` of them;
 * P.835 raw scores mapped by the published quadratics; scores averaged over windows. One
 * deviation: the reference script's float arithmetic drops windows from the eighth on (their
 * slice is one sample short); every window is kept here.
 *
 * The models run through a core {@link Backend} (or any session factory), so this module is
 * browser-safe: the caller reads the model bytes.
 */
import {
  BackendError,
  createTensor,
  type AudioBuffer,
  type Backend,
  type Session,
  type SessionOptions,
} from '@voirs/core';
import { resampleSamples } from '@voirs/dsp';
import { metricInputError, monoAudio } from '../validate.js';
import { P808_MELS, p808Features } from './p808-features.js';

export const DNSMOS_SAMPLE_RATE = 16000;
/** 9.01 s at 16 kHz. */
export const DNSMOS_WINDOW = 144160;

/** Published mappings raw -> MOS, highest power first: y = p0 x^2 + p1 x + p2. */
export const DNSMOS_POLYNOMIALS = Object.freeze({
  ovrl: [-0.06766283, 1.11546468, 0.04602535],
  sig: [-0.08397278, 1.22083953, 0.0052439],
  bak: [-0.13166888, 1.60915514, -0.39604546],
} as const);

/** The model bytes. */
export interface DnsmosModels {
  /** `sig_bak_ovr.onnx`. */
  readonly p835: Uint8Array;
  /** `model_v8.onnx` (optional: without it no P.808 score is computed). */
  readonly p808?: Uint8Array;
}

/** Creates a session from model bytes. */
export type SessionFactory = (model: Uint8Array, options?: SessionOptions) => Promise<Session>;

/** Options of {@link DnsmosScorer.create}. */
export interface DnsmosOptions {
  readonly models: DnsmosModels;
  /** The backend that runs the models (or give `createSession`). */
  readonly backend?: Backend;
  readonly createSession?: SessionFactory;
  readonly sessionOptions?: SessionOptions;
}

/** DNSMOS scores of one clip (means over its windows). */
export interface DnsmosScores {
  readonly sig: number;
  readonly bak: number;
  readonly ovrl: number;
  readonly sigRaw: number;
  readonly bakRaw: number;
  readonly ovrlRaw: number;
  /** P.808 MOS, when the P.808 model was given. */
  readonly p808?: number;
  /** Windows averaged. */
  readonly windows: number;
}

const poly = (p: readonly number[], x: number) => (p[0]! * x + p[1]!) * x + p[2]!;

/** Holds the DNSMOS sessions; score as many clips as needed, then dispose. */
export class DnsmosScorer {
  private constructor(
    private readonly p835: Session,
    private readonly p808: Session | undefined,
  ) {}

  /** Loads the models. @throws BackendError from the backend (e.g. `E_ONNX_INVALID`). */
  static async create(options: DnsmosOptions): Promise<DnsmosScorer> {
    if (
      options === null ||
      typeof options !== 'object' ||
      !(options.models?.p835 instanceof Uint8Array)
    ) {
      throw new TypeError('DNSMOS needs options.models.p835 as a Uint8Array');
    }
    const factory: SessionFactory | undefined =
      options.createSession ??
      (options.backend && ((m, o) => options.backend!.createSession(m, o)));
    if (factory === undefined)
      throw new TypeError('DNSMOS needs a backend or a createSession factory');
    const p835 = await factory(options.models.p835, options.sessionOptions);
    let p808: Session | undefined;
    try {
      p808 =
        options.models.p808 === undefined
          ? undefined
          : await factory(options.models.p808, options.sessionOptions);
    } catch (error) {
      await p835.dispose();
      throw error;
    }
    return new DnsmosScorer(p835, p808);
  }

  /**
   * Scores one clip (any rate and channel count).
   * @throws InputError `E_METRIC_INPUT` for empty, silent or non-finite audio; BackendError from runs.
   */
  async score(audio: AudioBuffer, options: { signal?: AbortSignal } = {}): Promise<DnsmosScores> {
    const mono = monoAudio(audio, 'audio', 'DNSMOS');
    if (mono.every((v) => v === 0))
      throw metricInputError('DNSMOS: the audio is digital silence; there is no speech to rate.');
    let x: Float32Array = Float32Array.from(mono);
    if (audio.sampleRate !== DNSMOS_SAMPLE_RATE)
      x = resampleSamples(x, audio.sampleRate, DNSMOS_SAMPLE_RATE);
    while (x.length < DNSMOS_WINDOW) {
      const doubled = new Float32Array(2 * x.length);
      doubled.set(x);
      doubled.set(x, x.length);
      x = doubled;
    }
    const windows = Math.trunc(Math.floor(x.length / DNSMOS_SAMPLE_RATE) - 9.01) + 1;
    const sums = { sig: 0, bak: 0, ovrl: 0, sigRaw: 0, bakRaw: 0, ovrlRaw: 0, p808: 0 };
    for (let w = 0; w < windows; w++) {
      const segment = x.subarray(w * DNSMOS_SAMPLE_RATE, w * DNSMOS_SAMPLE_RATE + DNSMOS_WINDOW);
      const raw = await run(
        this.p835,
        createTensor('float32', segment.slice(), [1, DNSMOS_WINDOW]),
        options.signal,
        3,
      );
      const [sig, bak, ovrl] = [raw[0]!, raw[1]!, raw[2]!];
      sums.sigRaw += sig;
      sums.bakRaw += bak;
      sums.ovrlRaw += ovrl;
      sums.sig += poly(DNSMOS_POLYNOMIALS.sig, sig);
      sums.bak += poly(DNSMOS_POLYNOMIALS.bak, bak);
      sums.ovrl += poly(DNSMOS_POLYNOMIALS.ovrl, ovrl);
      if (this.p808 !== undefined) {
        const { data, frames } = p808Features(segment.subarray(0, DNSMOS_WINDOW - 160));
        sums.p808 += (
          await run(
            this.p808,
            createTensor('float32', data, [1, frames, P808_MELS]),
            options.signal,
            1,
          )
        )[0]!;
      }
    }
    const mean = (v: number) => v / windows;
    return {
      sig: mean(sums.sig),
      bak: mean(sums.bak),
      ovrl: mean(sums.ovrl),
      sigRaw: mean(sums.sigRaw),
      bakRaw: mean(sums.bakRaw),
      ovrlRaw: mean(sums.ovrlRaw),
      ...(this.p808 === undefined ? {} : { p808: mean(sums.p808) }),
      windows,
    };
  }

  /** Frees the sessions. Idempotent. */
  async dispose(): Promise<void> {
    await Promise.all([this.p835.dispose(), this.p808?.dispose()]);
  }
}

async function run(
  session: Session,
  input: ReturnType<typeof createTensor<'float32'>>,
  signal: AbortSignal | undefined,
  size: number,
): Promise<Float32Array> {
  const out = await session.run({ [session.inputNames[0]!]: input }, { signal });
  const tensor = out[session.outputNames[0]!];
  if (tensor === undefined || tensor.dtype !== 'float32' || tensor.data.length !== size) {
    throw new BackendError(
      'E_BACKEND_RUN',
      `DNSMOS: the model returned ${tensor ? `${tensor.dtype} [${tensor.dims.join(', ')}]` : 'nothing'} instead of ${size} float32 scores; is it the right model file?`,
    );
  }
  return tensor.data as Float32Array;
}

/** One-shot {@link DnsmosScorer}: load, score `audio`, dispose. */
export async function dnsmos(audio: AudioBuffer, options: DnsmosOptions): Promise<DnsmosScores> {
  const scorer = await DnsmosScorer.create(options);
  try {
    return await scorer.score(audio);
  } finally {
    await scorer.dispose();
  }
}
