/**
 * What the streamer reports about every audio chunk it hands out, and summaries of a whole stream.
 */
import type { AudioBuffer } from '@voirs/core';

/** Timing and placement of one streamed audio chunk. Times are milliseconds of wall clock. */
export interface ChunkStats {
  /** 0, 1, 2… in output order. */
  readonly index: number;
  /** First mel frame whose audio this chunk carries. */
  readonly startFrame: number;
  /** Mel frames whose audio this chunk carries (`samples.length / hop`). */
  readonly frames: number;
  /** Frames vocoded for it: the chunk plus its left and right context. */
  readonly windowFrames: number;
  readonly leftContextFrames: number;
  readonly rightContextFrames: number;
  /** Mel frames received from the source when it was vocoded. */
  readonly receivedFrames: number;
  /** True when it was vocoded after the source ended (no full lookahead was needed). */
  readonly flushed: boolean;
  /** Time spent in `vocoder.vocode()` on its window. */
  readonly computeMs: number;
  /**
   * From the moment its audio could first be computed (the source delivered the last lookahead
   * frame it needs, or ended) to the moment it was handed out: compute plus any queueing.
   */
  readonly latencyMs: number;
  /** When it was handed out, counted from the arrival of the first mel chunk. */
  readonly elapsedMs: number;
}

/** An audio chunk of a stream: mono samples of the vocoder's rate, with its statistics. */
export interface AudioChunk extends AudioBuffer {
  readonly stats: ChunkStats;
}

/** Mean, 50th and 95th percentile and maximum of a list of durations. */
export interface Distribution {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

/** A whole stream's latency figures, from its {@link ChunkStats}. */
export interface LatencySummary {
  readonly chunks: number;
  readonly frames: number;
  /** Duration of the audio produced. */
  readonly audioMs: number;
  /** From the first mel chunk's arrival to the first audio chunk. */
  readonly firstAudioMs: number;
  /** The lookahead the receptive field imposes: `rightContext * hop / sampleRate`. */
  readonly algorithmicLatencyMs: number;
  readonly computeMs: Distribution & { readonly total: number };
  readonly latencyMs: Distribution;
  /** Total compute time over audio duration (below 1: faster than real time). */
  readonly computeRtf: number;
}

function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { mean: 0, p50: 0, p95: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    mean: values.reduce((s, v) => s + v, 0) / values.length,
    p50: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * Summarises a stream from the stats of its chunks (in output order).
 * @param stats The chunks' statistics, in output order.
 * @param timing `hop` (samples per mel frame) and `sampleRate` of the audio, to convert frames to
 * time, and `lookaheadFrames`, the right context the stream used (algorithmic latency).
 */
export function summarizeLatency(
  stats: readonly ChunkStats[],
  timing: { readonly hop: number; readonly sampleRate: number; readonly lookaheadFrames: number },
): LatencySummary {
  const frameMs = (1000 * timing.hop) / timing.sampleRate;
  const frames = stats.reduce((n, s) => n + s.frames, 0);
  const compute = stats.map((s) => s.computeMs);
  const total = compute.reduce((s, v) => s + v, 0);
  const audioMs = frames * frameMs;
  return {
    chunks: stats.length,
    frames,
    audioMs,
    firstAudioMs: stats[0]?.elapsedMs ?? 0,
    algorithmicLatencyMs: timing.lookaheadFrames * frameMs,
    computeMs: { ...distribution(compute), total },
    latencyMs: distribution(stats.map((s) => s.latencyMs)),
    computeRtf: audioMs > 0 ? total / audioMs : 0,
  };
}
