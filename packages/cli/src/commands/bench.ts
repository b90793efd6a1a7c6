/**
 * `voirs-vocoder bench [--vocoder name] [--model path] [--seconds s] [--threads n] …`: times one
 * vocoder configuration (or a bare ONNX model) and reports its real-time factor, load time,
 * streaming latency and peak memory. The suites of `apps/bench` are built from runs of this command.
 */
import { PRECISIONS, vocoders, type Precision } from '@voirs/core';
import { choiceOption, intOption, numberOption, parseCommandArgs, usageError } from '../args.js';
import { benchMel } from '../bench-input.js';
import { measure } from '../bench-measure.js';
import { peakRssBytes, resetPeakRss } from '../bench-memory.js';
import { benchSummary, benchText, type BenchMeasurement, type BenchMode } from '../bench-report.js';
import { loadSubject, type BenchSubject } from '../bench-subject.js';
import { melChunks, streamOnce } from '../bench-stream.js';
import type { Command } from '../command.js';
import { registerBuiltinPlugins } from '../plugins.js';
import { Reporter } from '../reporter.js';

const OPTIONS = {
  vocoder: { type: 'string' },
  model: { type: 'string', short: 'm' },
  arch: { type: 'string' },
  backend: { type: 'string' },
  threads: { type: 'string' },
  precision: { type: 'string' },
  session: { type: 'string' },
  input: { type: 'string', short: 'i' },
  seconds: { type: 'string' },
  batch: { type: 'string' },
  chunk: { type: 'string' },
  time: { type: 'string' },
  iterations: { type: 'string' },
  warmup: { type: 'string' },
} as const;

/** Parsed and cross-checked options. */
interface BenchOptions {
  readonly vocoder: string | undefined;
  readonly model: string | undefined;
  readonly arch: string | undefined;
  readonly backend: string | undefined;
  readonly threads: number | undefined;
  readonly precision: Precision | undefined;
  readonly session: string | undefined;
  readonly input: string | undefined;
  readonly seconds: number;
  readonly batch: number;
  readonly chunk: number | undefined;
  readonly minTimeMs: number;
  readonly minIterations: number;
  readonly warmup: number;
}

function parseBenchOptions(
  argv: readonly string[],
): BenchOptions & { json: boolean; quiet: boolean } {
  const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'bench');
  if (rest.length > 0)
    usageError(
      `bench takes no file arguments (use --input <file>), got "${rest.join(' ')}".`,
      'bench',
    );
  const options = {
    vocoder: values.vocoder,
    model: values.model,
    arch: values.arch,
    backend: values.backend,
    threads: intOption(values.threads, 'threads', 1, 256, 'bench'),
    precision: choiceOption(values.precision, 'precision', PRECISIONS, 'bench'),
    session: values.session,
    input: values.input,
    seconds: numberOption(values.seconds, 'seconds', 0.05, 3600, 'bench') ?? 10,
    batch: intOption(values.batch, 'batch', 1, 256, 'bench') ?? 1,
    chunk: intOption(values.chunk, 'chunk', 1, 1_000_000, 'bench'),
    minTimeMs: intOption(values.time, 'time', 0, 3_600_000, 'bench') ?? 2000,
    minIterations: intOption(values.iterations, 'iterations', 1, 100_000, 'bench') ?? 5,
    warmup: intOption(values.warmup, 'warmup', 0, 1000, 'bench') ?? 1,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
  };
  if (options.session !== undefined) {
    for (const flag of ['vocoder', 'model', 'arch', 'chunk', 'precision'] as const) {
      if (values[flag] !== undefined)
        usageError(`--${flag} cannot be combined with --session (a bare ONNX model).`, 'bench');
    }
  } else {
    registerBuiltinPlugins();
    const plugin = vocoders.get(options.vocoder ?? 'griffinlim');
    for (const flag of ['model', 'arch', 'backend', 'threads', 'precision'] as const) {
      if (values[flag] !== undefined && !plugin.requiresModel) {
        usageError(`--${flag} applies to model vocoders, not ${plugin.name}.`, 'bench');
      }
    }
    if (plugin.requiresModel && options.model === undefined) {
      usageError(
        `The ${plugin.name} vocoder needs --model <checkpoint|folder|model.onnx>.`,
        'bench',
      );
    }
  }
  if (options.chunk !== undefined && options.batch > 1)
    usageError('--chunk (streaming) and --batch cannot be combined.', 'bench');
  return options;
}

/** Times the subject as the options say; the subject is loaded and warm. */
async function timeSubject(subject: BenchSubject, o: BenchOptions, signal: AbortSignal) {
  const mel = await benchMel(subject.convention, o.seconds, o.input);
  const measureOptions = {
    warmup: o.warmup,
    minIterations: o.minIterations,
    minTimeMs: o.minTimeMs,
    signal,
  };
  if (o.chunk !== undefined && subject.vocoder !== undefined) {
    const vocoder = subject.vocoder;
    const chunks = melChunks(mel, o.chunk);
    const firstAudio: number[] = [];
    const chunkMs: number[][] = [];
    let samples = 0;
    const peakScope = resetPeakRss();
    const samplesMs = await measure(async () => {
      const timing = await streamOnce(vocoder, chunks, signal);
      firstAudio.push(timing.firstAudioMs);
      chunkMs.push([...timing.chunkMs]);
      samples = timing.samples;
      return timing.totalMs;
    }, measureOptions);
    const stream = {
      firstAudioMs: firstAudio.slice(o.warmup),
      chunkMs: chunkMs.slice(o.warmup).flat(),
      lookaheadFrames: vocoder.metadata.receptiveField.rightFrames,
    };
    return {
      mode: 'stream' as BenchMode,
      frames: mel.frames,
      samples,
      samplesMs,
      stream,
      peakScope,
    };
  }
  const mels = Array.from({ length: o.batch }, () => mel);
  let samples = 0;
  const peakScope = resetPeakRss();
  const samplesMs = await measure(async () => {
    samples = o.batch === 1 ? await subject.run(mel, signal) : await subject.runBatch(mels, signal);
  }, measureOptions);
  const mode: BenchMode = o.batch === 1 ? 'offline' : 'batch';
  return { mode, frames: mel.frames, samples, samplesMs, stream: undefined, peakScope };
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'time a vocoder: real-time factor, load time, streaming latency, memory',
  help: `Usage: voirs-vocoder bench [options]

Loads a vocoder, vocodes one second of mel (reported as the first inference), then times repeated
runs on --seconds of mel after --warmup untimed runs, until at least --iterations runs and --time
milliseconds are done. RTF = compute time / audio duration (lower is faster; < 1 is faster than
real time). The mel comes from --input (a WAV analysed with the vocoder's preset, or a mel .npy),
repeated or cut to --seconds; without --input a synthetic speech-like signal is used.

Options:
  --vocoder <name>       griffinlim (default), hifigan, diffwave, waveglow (their
                         vocoder-specific options keep their defaults)
  -m, --model <path>     model vocoders: checkpoint (config.json beside it), folder, .onnx
  --arch <v1|v2|v3>      architecture when the checkpoint has no config.json
  --backend <name>       node (onnxruntime-node, default) or web (onnxruntime-web WASM)
  --threads <n>          intra-op threads of the session
  --precision <p>        fp32 (default) or int8 (hifigan: quantised and calibrated at load; an
                         int8 model imported with "models import --precision int8" needs no flag)
  --session <model.onnx> time a bare ONNX model (input mel [batch, 80, frames] of the hifigan
                         preset, first output = audio) instead of a vocoder, e.g. a plain
                         torch.onnx.export of the same generator
  -i, --input <file>     WAV or mel .npy to vocode
  --seconds <s>          audio per item (default 10)
  --batch <n>            items per vocodeBatch call (default 1)
  --chunk <frames>       stream the mel through vocodeStream in chunks of this many frames
  --iterations <n>       at least n timed runs (default 5)
  --time <ms>            and at least this much timed work (default 2000)
  --warmup <n>           untimed runs first (default 1)
  -q, --quiet            no messages
  --json                 print the result as JSON (rtf = median, rtf_min, rtf_mean, …)`,
  async run(argv, context) {
    const o = parseBenchOptions(argv);
    const reporter = new Reporter(context.streams, o);
    const started = performance.now();
    const subject = await loadSubject({ ...o, signal: context.signal });
    try {
      const loadMs = performance.now() - started;
      const oneSecond = await benchMel(subject.convention, Math.min(1, o.seconds), o.input);
      const firstStart = performance.now();
      await subject.run(oneSecond, context.signal);
      const firstInferenceMs = performance.now() - firstStart;
      const rssAfterLoadBytes = process.memoryUsage.rss();
      reporter.info(
        `Loaded ${subject.name} ${subject.arch} in ${loadMs.toFixed(0)} ms; timing ${o.seconds} s of mel…`,
      );
      const timed = await timeSubject(subject, o, context.signal);
      const effective = (subject.backend as { threads?: unknown } | undefined)?.threads;
      const measurement: BenchMeasurement = {
        kind: subject.kind,
        vocoder: subject.name,
        arch: subject.arch,
        backend: subject.backend?.name,
        threads: o.threads,
        effectiveThreads: typeof effective === 'number' ? effective : undefined,
        native: nativeOf(subject),
        mode: timed.mode,
        sampleRate: subject.convention.sampleRate,
        framesPerItem: timed.frames,
        batch: o.batch,
        chunkFrames: o.chunk,
        samplesPerRun: timed.samples,
        samplesMs: timed.samplesMs,
        loadMs,
        firstInferenceMs,
        stream: timed.stream,
        rssAfterLoadBytes,
        peakRssBytes: peakRssBytes(),
        peakScope: timed.peakScope,
      };
      const summary = benchSummary(measurement);
      if (o.json) reporter.summary(summary);
      else if (!o.quiet) context.streams.stdout.write(`${benchText(summary)}\n`);
      return 0;
    } finally {
      await subject.dispose();
    }
  },
};

/** The native kernels a vocoder runs part of its network on (its metadata's `extra.native`). */
function nativeOf(subject: {
  vocoder?: { metadata: { extra?: Readonly<Record<string, unknown>> } };
}) {
  const native = subject.vocoder?.metadata.extra?.native;
  return typeof native === 'string' ? native : undefined;
}
