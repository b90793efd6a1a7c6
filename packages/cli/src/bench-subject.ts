/**
 * What `voirs-vocoder bench` times: a vocoder from the registry (the normal case), or a bare ONNX
 * model run through a backend session (`--session`, how peers such as a plain `torch.onnx.export`
 * of the same generator are timed by the same loop).
 */
import { basename } from 'node:path';
import {
  HIFIGAN_PRESET,
  backends,
  createTensor,
  loadVocoder,
  vocoders,
  ModelError,
  type Backend,
  type MelConvention,
  type MelSpectrogram,
  type Precision,
  type Session,
  type Vocoder,
} from '@voirs/core';
import { readInputFile } from './files.js';
import { resolveModelSource } from './model-source.js';
import { registerBuiltinPlugins } from './plugins.js';

/** A loaded thing to time. */
export interface BenchSubject {
  /** `vocoder` or `session`. */
  readonly kind: 'vocoder' | 'session';
  /** Vocoder name, or `onnx` for a bare session. */
  readonly name: string;
  /** Architecture label (`hifigan-v2`, `griffinlim`, or the ONNX file name). */
  readonly arch: string;
  /** Backend name, when one runs the model. */
  readonly backend: Backend | undefined;
  /** The mel convention fed in. */
  readonly convention: MelConvention;
  /** The vocoder, for streaming; absent for sessions. */
  readonly vocoder: Vocoder | undefined;
  /** Vocodes one mel; resolves to the number of output samples. */
  run(mel: MelSpectrogram, signal: AbortSignal): Promise<number>;
  /** Vocodes several mels of equal length in one call; resolves to the total output samples. */
  runBatch(mels: readonly MelSpectrogram[], signal: AbortSignal): Promise<number>;
  dispose(): Promise<void>;
}

/** What to load. */
export interface SubjectOptions {
  readonly vocoder?: string;
  readonly model?: string;
  readonly arch?: string;
  readonly backend?: string;
  readonly threads?: number;
  readonly precision?: Precision;
  /** A bare ONNX model taking a mel [batch, n_mels, frames] (hifigan preset). */
  readonly session?: string;
  readonly signal: AbortSignal;
}

async function resolveBackend(name: string | undefined): Promise<Backend> {
  registerBuiltinPlugins();
  return backends.resolve(name);
}

/** Loads a vocoder (with its backend when it needs one). */
async function loadVocoderSubject(options: SubjectOptions): Promise<BenchSubject> {
  registerBuiltinPlugins();
  const plugin = vocoders.get(options.vocoder ?? 'griffinlim');
  const backend = plugin.requiresBackend ? await resolveBackend(options.backend) : undefined;
  const model = options.model === undefined ? undefined : await resolveModelSource(options.model);
  const vocoder = await loadVocoder({
    vocoder: plugin.name,
    model,
    backend,
    modelConfig: { arch: options.arch, threads: options.threads, precision: options.precision },
    signal: options.signal,
  });
  return {
    kind: 'vocoder',
    name: plugin.name,
    arch: vocoder.metadata.arch,
    backend,
    convention: vocoder.metadata.convention,
    vocoder,
    run: async (mel, signal) => (await vocoder.vocode(mel, { signal })).samples.length,
    runBatch: async (mels, signal) =>
      (
        await vocoder.vocodeBatch(
          mels,
          mels.map(() => ({ signal })),
        )
      ).reduce((sum, a) => sum + a.samples.length, 0),
    dispose: () => vocoder.dispose(),
  };
}

/** Loads a bare ONNX model into a backend session. */
async function loadSessionSubject(
  options: SubjectOptions & { session: string },
): Promise<BenchSubject> {
  const bytes = await readInputFile(options.session);
  const backend = await resolveBackend(options.backend ?? 'node');
  const session: Session = await backend.createSession(
    bytes,
    options.threads === undefined ? {} : { intraOpThreads: options.threads },
  );
  const [input] = session.inputNames;
  const [output] = session.outputNames;
  if (input === undefined || output === undefined) {
    await session.dispose();
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${options.session} has no input or no output; expected mel [batch, n_mels, frames] -> audio.`,
    );
  }
  const runBatch = async (
    mels: readonly MelSpectrogram[],
    signal: AbortSignal,
  ): Promise<number> => {
    const first = mels[0]!;
    const data = new Float32Array(mels.length * first.data.length);
    mels.forEach((m, i) => data.set(m.data, i * first.data.length));
    const out = await session.run(
      { [input]: createTensor('float32', data, [mels.length, first.nMels, first.frames]) },
      { signal },
    );
    return out[output]!.data.length;
  };
  return {
    kind: 'session',
    name: 'onnx',
    arch: basename(options.session),
    backend,
    convention: HIFIGAN_PRESET,
    vocoder: undefined,
    run: (mel, signal) => runBatch([mel], signal),
    runBatch,
    dispose: () => session.dispose(),
  };
}

/** Loads what the options name. */
export function loadSubject(options: SubjectOptions): Promise<BenchSubject> {
  return options.session === undefined
    ? loadVocoderSubject(options)
    : loadSessionSubject({ ...options, session: options.session });
}
