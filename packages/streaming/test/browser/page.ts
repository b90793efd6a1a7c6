/**
 * The page the browser test drives: it plays audio through the stream player in offline and
 * real-time AudioContexts (and vocodes a mel with Griffin-Lim through the WHATWG stream first) and
 * hands plain JSON back through `window.voirsPlayer`.
 */
import { HIFIGAN_PRESET, createAudioBuffer, isVocoderError } from '@voirs/core';
import { computeMel, griffinLimPlugin } from '@voirs/dsp';
import { melChunks, vocodeReadableStream } from '../../src/index.js';
import {
  canShareMemory,
  createStreamPlayer,
  type PlayerMode,
  type PlayerStats,
} from '../../src/player/index.js';

const RATE = 22050;

/** What an offline render found: the played audio against what was written. */
export interface OfflineResult {
  readonly stats: PlayerStats;
  /** Frames of silence before the audio started (whole render quanta). */
  readonly offset: number;
  /** Max abs difference between the rendered and the written audio, aligned at `offset`. */
  readonly maxDiff: number;
  readonly frames: number;
}

export interface VoirsPlayerPage {
  environment(): { isolated: boolean; shared: boolean };
  /** Writes a test signal in chunks, ends, renders offline and compares. */
  offline(mode: PlayerMode | 'auto', frames: number, chunk: number): Promise<OfflineResult>;
  /** Vocodes a mel with Griffin-Lim through vocodeReadableStream, plays it offline, compares. */
  vocodeOffline(mode: PlayerMode | 'auto'): Promise<OfflineResult & { chunks: number }>;
  /** Plays in a real-time AudioContext: `gapMs` of starvation after the first `leadSeconds`. */
  realtime(
    mode: PlayerMode | 'auto',
    seconds: number,
    gapMs: number,
  ): Promise<PlayerStats & { contextState: string }>;
  /** The error code of creating a player with `mode`. */
  createError(mode: PlayerMode | 'auto'): Promise<string>;
}

declare global {
  interface Window {
    voirsPlayer: VoirsPlayerPage;
  }
}

const signal = (frames: number) =>
  Float32Array.from({ length: frames }, (_, i) => 0.5 * Math.sin(i * 0.03) * Math.sin(i * 0.0007));

async function renderCompare(
  mode: PlayerMode | 'auto',
  written: Float32Array,
  write: (w: (s: Float32Array) => Promise<void>) => Promise<void>,
): Promise<OfflineResult> {
  const context = new OfflineAudioContext(1, written.length + 128 * 64, RATE);
  const player = await createStreamPlayer(context, {
    mode,
    bufferSeconds: written.length / RATE + 1,
    startSeconds: 0.05,
  });
  await write((s) => player.write(createAudioBuffer(s, RATE, 1)));
  const ended = player.end();
  // an offline render runs flat out: pause it after one quantum until the worklet holds the audio
  // (posted chunks travel as messages, which the render loop only takes between quanta)
  void context.suspend(128 / RATE).then(async () => {
    await player.delivered();
    await context.resume();
  });
  const rendered = (await context.startRendering()).getChannelData(0);
  const stats = await ended;
  let offset = 0;
  while (offset < rendered.length && rendered[offset] === 0 && written[0] !== 0) offset++;
  offset -= offset % 128;
  let maxDiff = 0;
  for (let i = 0; i < written.length; i++)
    maxDiff = Math.max(maxDiff, Math.abs(rendered[offset + i]! - written[i]!));
  for (let i = offset + written.length; i < rendered.length; i++)
    maxDiff = Math.max(maxDiff, Math.abs(rendered[i]!));
  return { stats, offset, maxDiff, frames: written.length };
}

window.voirsPlayer = {
  environment: () => ({ isolated: crossOriginIsolated, shared: canShareMemory() }),

  offline(mode, frames, chunk) {
    const written = signal(frames);
    written[0] = 0.25; // a non-zero first sample marks where playback starts
    return renderCompare(mode, written, async (write) => {
      for (let start = 0; start < frames; start += chunk)
        await write(written.slice(start, Math.min(frames, start + chunk)));
    });
  },

  async vocodeOffline(mode) {
    const vocoder = await griffinLimPlugin.create();
    const speechLike = signal(RATE);
    const mel = computeMel(createAudioBuffer(speechLike, RATE, 1), HIFIGAN_PRESET);
    const parts: Float32Array[] = [];
    const reader = vocodeReadableStream(vocoder, melChunks(mel, 12), {
      chunkFrames: 16,
      synthesis: { quality: 'low', seed: 3 },
      disposeVocoder: true,
    }).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value.samples);
    }
    const written = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((o, p) => (written.set(p, o), o + p.length), 0);
    const result = await renderCompare(mode, written, async (write) => {
      for (const p of parts) await write(p);
    });
    return { ...result, chunks: parts.length };
  },

  async realtime(mode, seconds, gapMs) {
    const context = new AudioContext({ sampleRate: RATE });
    await context.resume();
    const player = await createStreamPlayer(context, {
      mode,
      bufferSeconds: 0.5,
      startSeconds: 0.1,
    });
    const total = Math.round(seconds * RATE);
    const audio = signal(total);
    const chunk = Math.round(0.05 * RATE);
    for (let start = 0; start < total; start += chunk) {
      if (gapMs > 0 && start === 4 * chunk) await new Promise((r) => setTimeout(r, gapMs));
      await player.write(audio.slice(start, Math.min(total, start + chunk)));
    }
    const stats = await player.end();
    const contextState = context.state;
    await context.close();
    return { ...stats, contextState };
  },

  async createError(mode) {
    try {
      await createStreamPlayer(new OfflineAudioContext(1, 128, RATE), { mode });
      return 'resolved';
    } catch (error) {
      return isVocoderError(error) ? error.code : String(error);
    }
  },
};
