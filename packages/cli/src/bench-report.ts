/**
 * The result of `voirs-vocoder bench`: one JSON object (snake_case keys, `--json`) and its
 * human-readable form.
 */
import { scaleStats, summarize, type SampleStats } from './bench-stats.js';
import type { PeakScope } from './bench-memory.js';

/** How the subject was driven. */
export type BenchMode = 'offline' | 'batch' | 'stream';

/** Everything measured in one run of the command. */
export interface BenchMeasurement {
  readonly kind: 'vocoder' | 'session';
  readonly vocoder: string;
  readonly arch: string;
  readonly backend: string | undefined;
  readonly threads: number | undefined;
  /** Threads the backend really uses, when it says (onnxruntime-web). */
  readonly effectiveThreads: number | undefined;
  /** Native kernels running part of the network (e.g. `avx512 kernels for stages 1-3`), if any. */
  readonly native?: string;
  readonly mode: BenchMode;
  readonly sampleRate: number;
  readonly framesPerItem: number;
  readonly batch: number;
  readonly chunkFrames: number | undefined;
  /** Output samples of one timed run (all items). */
  readonly samplesPerRun: number;
  /** Duration of each timed run, ms. */
  readonly samplesMs: readonly number[];
  readonly loadMs: number;
  readonly firstInferenceMs: number;
  readonly stream?: {
    readonly firstAudioMs: readonly number[];
    readonly chunkMs: readonly number[];
    readonly lookaheadFrames: number;
  };
  readonly rssAfterLoadBytes: number;
  readonly peakRssBytes: number;
  readonly peakScope: PeakScope;
}

const round = (x: number, digits = 6): number => Number(x.toPrecision(digits));
const roundStats = (s: SampleStats): SampleStats =>
  Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, k === 'n' ? v : round(v)]),
  ) as unknown as SampleStats;
const mib = (bytes: number): number => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * The `--json` summary. `rtf` is the median real-time factor (compute time / audio duration) and
 * `rtf_min` the best run; the other `rtf_*` keys and `latency_ms` give the rest of the statistics.
 */
export function benchSummary(m: BenchMeasurement): Record<string, unknown> {
  const audioSeconds = m.samplesPerRun / m.sampleRate;
  const latency = summarize(m.samplesMs);
  const rtf = scaleStats(latency, 1 / (1000 * audioSeconds));
  const msPerFrame = 1000 * (m.samplesPerRun / m.batch / m.framesPerItem / m.sampleRate);
  return {
    ok: true,
    kind: m.kind,
    vocoder: m.vocoder,
    arch: m.arch,
    backend: m.backend ?? null,
    threads: m.threads ?? null,
    effective_threads: m.effectiveThreads ?? null,
    native: m.native ?? null,
    mode: m.mode,
    batch: m.batch,
    chunk_frames: m.chunkFrames ?? null,
    frames: m.framesPerItem,
    audio_seconds: round(audioSeconds),
    iterations: latency.n,
    rtf: round(rtf.median),
    rtf_min: round(rtf.min),
    rtf_max: round(rtf.max),
    rtf_mean: round(rtf.mean),
    rtf_p75: round(rtf.p75),
    rtf_p99: round(rtf.p99),
    rtf_sd: round(rtf.sd),
    rtf_rme: round(rtf.rme, 3),
    latency_ms: roundStats(latency),
    samples_ms: m.samplesMs.map((x) => round(x)),
    load_ms: round(m.loadMs),
    first_inference_ms: round(m.firstInferenceMs),
    cold_start_ms: round(m.loadMs + m.firstInferenceMs),
    stream:
      m.stream === undefined
        ? null
        : {
            first_audio_ms: roundStats(summarize(m.stream.firstAudioMs)),
            chunk_ms: m.stream.chunkMs.length > 0 ? roundStats(summarize(m.stream.chunkMs)) : null,
            lookahead_frames: m.stream.lookaheadFrames,
            lookahead_ms: round(m.stream.lookaheadFrames * msPerFrame),
            chunk_audio_ms: round((m.chunkFrames ?? 0) * msPerFrame),
          },
    memory: {
      rss_after_load_mib: mib(m.rssAfterLoadBytes),
      peak_rss_mib: mib(m.peakRssBytes),
      peak_scope: m.peakScope,
    },
    node: process.version,
  };
}

/** The summary for people. */
export function benchText(s: Record<string, unknown>): string {
  const f = (x: unknown, digits = 4) => (typeof x === 'number' ? x.toFixed(digits) : String(x));
  const latency = s.latency_ms as SampleStats;
  const memory = s.memory as Record<string, unknown>;
  const lines = [
    `${s.vocoder} ${s.arch}${s.backend ? ` on ${s.backend}` : ''}${s.threads ? `, ${s.threads} threads` : ''}` +
      `${s.effective_threads && s.effective_threads !== s.threads ? ` (${s.effective_threads} in use)` : ''}: ` +
      `${s.native ? `native ${s.native}, ` : ''}${s.mode}, batch ${s.batch}${s.chunk_frames ? `, chunks of ${s.chunk_frames} frames` : ''}, ` +
      `${f(s.audio_seconds, 2)} s of audio per run, ${s.iterations} runs`,
    `  RTF median ${f(s.rtf)}  min ${f(s.rtf_min)}  mean ${f(s.rtf_mean)}  p99 ${f(s.rtf_p99)}  (±${f(s.rtf_rme, 1)} %)`,
    `  run time median ${f(latency.median, 1)} ms  min ${f(latency.min, 1)} ms`,
    `  load ${f(s.load_ms, 1)} ms + first inference (1 s) ${f(s.first_inference_ms, 1)} ms = ${f(s.cold_start_ms, 1)} ms`,
  ];
  const stream = s.stream as Record<string, unknown> | null;
  if (stream !== null) {
    const first = stream.first_audio_ms as SampleStats;
    const chunk = stream.chunk_ms as SampleStats | null;
    lines.push(
      `  first audio after ${f(first.median, 1)} ms (median; lookahead ${stream.lookahead_frames} frames = ${f(stream.lookahead_ms, 1)} ms of audio)`,
      chunk === null
        ? '  (a single audio chunk)'
        : `  per chunk ${f(chunk.median, 2)} ms median, ${f(chunk.p99, 2)} ms p99, ${f(chunk.max, 2)} ms max`,
    );
  }
  lines.push(
    `  RSS after load ${memory.rss_after_load_mib} MiB, peak ${memory.peak_rss_mib} MiB (${memory.peak_scope})`,
  );
  return lines.join('\n');
}
