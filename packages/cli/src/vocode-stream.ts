/**
 * `voirs-vocoder vocode … --stream [--chunk-frames N]`: the mel is vocoded chunk by chunk through
 * @voirs/streaming and every audio chunk is written as soon as it is final, to a WAV file (written
 * atomically: a temporary file renamed at the end, deleted on failure or Ctrl-C) or to stdout with
 * `-o -` (a streamed WAV whose header carries the "unknown length" sizes).
 */
import type { Writable } from 'node:stream';
import type { MelSpectrogram, SampleFormat, Vocoder } from '@voirs/core';
import { WavStreamWriter } from '@voirs/dsp';
import { createWavFileWriter, nodeStreamSink } from '@voirs/dsp/node';
import {
  melChunks,
  summarizeLatency,
  vocodeChunks,
  type ChunkStats,
  type WindowSynthesisConfig,
} from '@voirs/streaming';
import { intOption, usageError } from './args.js';
import type { Reporter } from './reporter.js';

/** The flags `vocode` adds for streaming. */
export const STREAM_FLAGS = {
  stream: { type: 'boolean' },
  'chunk-frames': { type: 'string' },
} as const;

/** Mel frames per window when `--chunk-frames` is absent (0.74 s at 22050 Hz / 256). */
export const DEFAULT_STREAM_CHUNK_FRAMES = 64;

/** Help lines of {@link STREAM_FLAGS}. */
export const STREAM_HELP = `  --stream               vocode chunk by chunk and write each audio chunk as soon as it is final
                         (WAV only; "-o -" writes the WAV to stdout). Exact for hifigan: the
                         samples equal the offline output; other vocoders crossfade the seams
  --chunk-frames <n>     mel frames per streamed chunk (default ${DEFAULT_STREAM_CHUNK_FRAMES})`;

/** What `--stream` asked for. */
export interface StreamSettings {
  readonly chunkFrames: number;
  /** True for `-o -`. */
  readonly stdout: boolean;
}

/**
 * Validates the streaming flags against the output; undefined when not streaming.
 * @throws ConfigError `E_CLI_USAGE` for flags that do not fit together.
 */
export function streamSettings(
  values: {
    stream?: boolean;
    'chunk-frames'?: string;
    json?: boolean;
    effects?: string;
    noise?: string;
  },
  output: string,
  command: string,
): StreamSettings | undefined {
  const chunkFrames = intOption(values['chunk-frames'], 'chunk-frames', 1, 1_000_000, command);
  if (values.stream !== true) {
    if (chunkFrames !== undefined) usageError('--chunk-frames applies to --stream.', command);
    if (output === '-') usageError('Writing to stdout ("-o -") needs --stream.', command);
    return undefined;
  }
  const stdout = output === '-';
  if (!stdout && !output.toLowerCase().endsWith('.wav')) {
    usageError(
      `--stream writes WAV: the output must end in .wav or be "-" (stdout), got "${output}".`,
      command,
    );
  }
  if (stdout && values.json === true)
    usageError('--json cannot be combined with "-o -": stdout carries the audio.', command);
  if (values.effects !== undefined)
    usageError(
      '--effects cannot be combined with --stream (effect chains need the whole signal).',
      command,
    );
  if (values.noise !== undefined)
    usageError(
      '--noise holds noise for the whole signal; it cannot be combined with --stream.',
      command,
    );
  return { chunkFrames: chunkFrames ?? DEFAULT_STREAM_CHUNK_FRAMES, stdout };
}

/** Inputs of {@link vocodeStreamed}. */
export interface StreamedVocodeOptions {
  readonly vocoder: Vocoder;
  readonly mel: MelSpectrogram;
  readonly output: string;
  readonly settings: StreamSettings;
  readonly format: SampleFormat;
  readonly synthesis: WindowSynthesisConfig;
  readonly signal: AbortSignal;
  readonly stdout: Writable;
  readonly reporter: Reporter;
}

/**
 * Streams `mel` through the vocoder into the WAV output; see the module comment. Any failure (or
 * an abort) discards the output file. Returns the fields of the JSON summary.
 */
export async function vocodeStreamed(
  options: StreamedVocodeOptions,
): Promise<Record<string, unknown>> {
  const { vocoder, mel, settings, reporter } = options;
  const { sampleRate, hop, receptiveField } = vocoder.metadata;
  const wavOptions = { sampleRate, format: options.format };
  const writer = settings.stdout
    ? new WavStreamWriter(nodeStreamSink(options.stdout, { end: false }), wavOptions)
    : await createWavFileWriter(options.output, wavOptions);
  const stats: ChunkStats[] = [];
  const started = performance.now();
  try {
    const chunks = vocodeChunks(vocoder, melChunks(mel, settings.chunkFrames), {
      chunkFrames: settings.chunkFrames,
      synthesis: options.synthesis,
      signal: options.signal,
    });
    for await (const audio of chunks) {
      await writer.write(audio);
      stats.push(audio.stats);
      reporter.progress((audio.stats.startFrame + audio.stats.frames) / mel.frames, 'streaming');
    }
    const written = await writer.close();
    const seconds = (performance.now() - started) / 1000;
    const latency = summarizeLatency(stats, {
      hop,
      sampleRate,
      lookaheadFrames: receptiveField.rightFrames,
    });
    const duration = written.frames / sampleRate;
    reporter.info(
      `Streamed ${settings.stdout ? 'to stdout' : options.output}: ${duration.toFixed(2)} s in ${stats.length} chunks of ` +
        `${settings.chunkFrames} frames; first audio after ${latency.firstAudioMs.toFixed(1)} ms, ` +
        `p95 chunk compute ${latency.computeMs.p95.toFixed(1)} ms, RTF ${(seconds / duration).toFixed(3)}.`,
    );
    return {
      frames: mel.frames,
      samples: written.frames,
      sampleRate,
      clipped: written.clipped,
      durationSeconds: duration,
      elapsedSeconds: seconds,
      rtf: seconds / duration,
      stream: { chunkFrames: settings.chunkFrames, ...latency },
    };
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
}
