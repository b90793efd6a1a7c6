/**
 * Measures a vocoder's streaming latency on a given mel: the function the bench app and
 * `bench/latency.ts` call.
 */
import { ConfigError, type MelSpectrogram, type Vocoder } from '@voirs/core';
import { summarizeLatency, type ChunkStats, type LatencySummary } from './chunk-stats.js';
import { planStream, type StreamPlan } from './latency-plan.js';
import { melChunks } from './mel-chunks.js';
import { assertVocoder, type StreamOptions } from './stream-options.js';
import { vocodeChunks } from './vocode-chunks.js';

/** Options of {@link measureStreamingLatency}. */
export interface MeasureLatencyOptions extends Omit<StreamOptions, 'onChunk' | 'disposeVocoder'> {
  /**
   * Frames per chunk the simulated producer delivers (default: the chunk size plus the lookahead,
   * so the first chunk is enough for the first window).
   */
  readonly inputChunkFrames?: number;
  /**
   * Deliver the mel at real-time pace, as a live TTS model or a socket would, instead of all at
   * once: `playbackDelayMs` then includes the lookahead and the input's chunking.
   */
  readonly realtime?: boolean;
  /** Vocode the first windows once untimed before measuring (default true). */
  readonly warmup?: boolean;
}

/** What {@link measureStreamingLatency} found. */
export interface LatencyReport {
  readonly vocoder: { readonly name: string; readonly arch: string };
  /** The latency-target plan, when `latencyTargetMs` chose the chunk. */
  readonly plan: StreamPlan | undefined;
  readonly chunkFrames: number | undefined;
  readonly inputChunkFrames: number;
  readonly lookaheadFrames: number;
  readonly realtime: boolean;
  readonly summary: LatencySummary;
  readonly chunks: readonly ChunkStats[];
  /**
   * The earliest playback start, counted from the first mel chunk's arrival, at which every chunk
   * arrives before its audio is due: `max(elapsedMs - startFrame * frameMs)` over the chunks. The
   * end-to-end latency a player without underruns needs (at least the first audio time).
   */
  readonly playbackDelayMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Yields `mel` in chunks, each released when a real-time producer would have finished it. */
async function* paced(
  mel: MelSpectrogram,
  size: number,
  frameMs: number,
  realtime: boolean,
): AsyncGenerator<MelSpectrogram> {
  let started: number | undefined;
  let firstEnd = 0;
  let end = 0;
  for (const chunk of melChunks(mel, size)) {
    end += chunk.frames;
    if (started === undefined) {
      started = performance.now();
      firstEnd = end;
    } else if (realtime) await sleep(started + (end - firstEnd) * frameMs - performance.now());
    yield chunk;
  }
}

/**
 * Streams `mel` through `vocoder` the way a live producer would deliver it and reports per-chunk
 * and summary latency. Use `latencyTargetMs` to measure the latency-target mode (the calibration
 * is not part of the measured time), or `chunkFrames` for a fixed chunk.
 *
 * ```ts
 * const report = await measureStreamingLatency(vocoder, mel, { latencyTargetMs: 50 });
 * console.log(report.summary.firstAudioMs, report.summary.computeMs.p95);
 * ```
 */
export async function measureStreamingLatency(
  vocoder: Vocoder,
  mel: MelSpectrogram,
  options: MeasureLatencyOptions = {},
): Promise<LatencyReport> {
  assertVocoder(vocoder);
  const { hop, sampleRate, receptiveField, name, arch } = vocoder.metadata;
  const lookaheadFrames = options.lookaheadFrames ?? receptiveField.rightFrames;
  const plan =
    options.plan ??
    (options.chunkFrames === undefined && options.latencyTargetMs !== undefined
      ? await planStream(vocoder, {
          latencyTargetMs: options.latencyTargetMs,
          lookaheadFrames,
          synthesis: options.synthesis,
          signal: options.signal,
        })
      : undefined);
  const chunkFrames = options.chunkFrames ?? plan?.chunkFrames;
  const inputChunkFrames = options.inputChunkFrames ?? (chunkFrames ?? 32) + lookaheadFrames;
  if (!Number.isInteger(inputChunkFrames) || inputChunkFrames < 1) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `inputChunkFrames must be a positive integer, got ${inputChunkFrames}.`,
    );
  }
  const streamOptions: StreamOptions = {
    ...options,
    plan,
    chunkFrames,
    latencyTargetMs: undefined,
  };
  const frameMs = (1000 * hop) / sampleRate;
  if (options.warmup ?? true) {
    const warm = melChunks(
      mel,
      Math.min(mel.frames, 2 * ((chunkFrames ?? 32) + receptiveField.leftFrames + lookaheadFrames)),
    ).next().value!;
    for await (const _ of vocodeChunks(vocoder, melChunks(warm, inputChunkFrames), streamOptions))
      void _;
  }
  const chunks: ChunkStats[] = [];
  const realtime = options.realtime === true;
  for await (const audio of vocodeChunks(
    vocoder,
    paced(mel, inputChunkFrames, frameMs, realtime),
    streamOptions,
  ))
    chunks.push(audio.stats);
  const playbackDelayMs = Math.max(0, ...chunks.map((c) => c.elapsedMs - c.startFrame * frameMs));
  return {
    vocoder: { name, arch },
    plan,
    chunkFrames,
    inputChunkFrames,
    lookaheadFrames,
    realtime,
    summary: summarizeLatency(chunks, { hop, sampleRate, lookaheadFrames }),
    chunks,
    playbackDelayMs,
  };
}
