/**
 * Streaming page example: mel chunks in, final audio chunks out as soon as their lookahead has
 * arrived, with per-chunk statistics. `test/guide-examples.test.ts` streams Griffin-Lim through it.
 */
// #region stream
import type { AudioBuffer, MelSpectrogram, Vocoder } from '@voirs/core';
import { concatAudio } from '@voirs/dsp';
import { melChunks, summarizeLatency, vocodeChunks, type LatencySummary } from '@voirs/streaming';

/** Streams `mel` through `vocoder` in chunks of `chunkFrames` frames; returns the audio and its latency figures. */
export async function streamMel(
  vocoder: Vocoder,
  mel: MelSpectrogram,
  chunkFrames: number,
): Promise<{ audio: AudioBuffer; summary: LatencySummary }> {
  const parts: AudioBuffer[] = [];
  const stats = [];
  for await (const chunk of vocodeChunks(vocoder, melChunks(mel, chunkFrames), { chunkFrames })) {
    parts.push(chunk); // play it, write it to a file, send it over a socket…
    stats.push(chunk.stats);
  }
  const { hop, sampleRate, receptiveField } = vocoder.metadata;
  const summary = summarizeLatency(stats, {
    hop,
    sampleRate,
    lookaheadFrames: receptiveField.rightFrames,
  });
  return { audio: concatAudio(parts), summary };
}
// #endregion stream
