/**
 * Streaming timings for `voirs-vocoder bench --chunk <frames>`: the mel is cut into chunks once,
 * then fed to `vocodeStream` as fast as the vocoder takes them. Per stream it records the time from
 * handing over the first mel chunk to receiving the first audio chunk, the time between successive
 * audio chunks (the compute latency of each chunk), and the whole stream's duration.
 */
import { sliceMelFrames, type MelSpectrogram, type Vocoder } from '@voirs/core';

/** Timings of one stream, in milliseconds. */
export interface StreamTiming {
  readonly totalMs: number;
  readonly firstAudioMs: number;
  /** Gaps between successive audio chunks after the first. */
  readonly chunkMs: readonly number[];
  /** Output samples received. */
  readonly samples: number;
}

/** Cuts `mel` into chunks of `chunkFrames` frames (the last one may be shorter). */
export function melChunks(mel: MelSpectrogram, chunkFrames: number): MelSpectrogram[] {
  const chunks: MelSpectrogram[] = [];
  for (let start = 0; start < mel.frames; start += chunkFrames) {
    chunks.push(sliceMelFrames(mel, start, Math.min(mel.frames, start + chunkFrames)));
  }
  return chunks;
}

/** Streams `chunks` through `vocoder` once and times it. */
export async function streamOnce(
  vocoder: Vocoder,
  chunks: readonly MelSpectrogram[],
  signal: AbortSignal,
): Promise<StreamTiming> {
  let firstIn = Number.NaN;
  async function* feed(): AsyncGenerator<MelSpectrogram> {
    for (const chunk of chunks) {
      if (Number.isNaN(firstIn)) firstIn = performance.now();
      yield chunk;
    }
  }
  const start = performance.now();
  let firstAudioMs = Number.NaN;
  let last = 0;
  let samples = 0;
  const chunkMs: number[] = [];
  for await (const audio of vocoder.vocodeStream(feed(), { signal })) {
    const now = performance.now();
    if (Number.isNaN(firstAudioMs)) firstAudioMs = now - firstIn;
    else chunkMs.push(now - last);
    last = now;
    samples += audio.samples.length;
  }
  return { totalMs: performance.now() - start, firstAudioMs, chunkMs, samples };
}
