/**
 * Streamed playback for the demo: an AudioContext at the vocoder's rate and the AudioWorklet
 * player of @voirs/streaming (shared-memory ring when the page is cross-origin isolated, posted
 * chunks otherwise).
 */
import type { AudioBuffer } from '@voirs/core';
import { createStreamPlayer, type PlayerStats, type StreamPlayer } from '@voirs/streaming/player';

/** One playback: audio is written as it is vocoded and played once `startSeconds` are buffered. */
export class Playback {
  private constructor(
    readonly context: AudioContext,
    readonly player: StreamPlayer,
  ) {}

  /**
   * Creates the context (call it from the click handler: browsers only let a user gesture start
   * audio) and the player.
   */
  static async open(sampleRate: number): Promise<Playback> {
    const context = new AudioContext({ sampleRate, latencyHint: 'playback' });
    const resumed = context.resume();
    try {
      const player = await createStreamPlayer(context, { bufferSeconds: 4, startSeconds: 0.25 });
      await resumed;
      return new Playback(context, player);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /** Queues a chunk (writes run in order; a full buffer makes them wait). */
  write(chunk: AudioBuffer): Promise<void> {
    return this.player.write(chunk);
  }

  /** No more audio: resolves with the player's statistics once everything has played. */
  async end(): Promise<PlayerStats> {
    try {
      return await this.player.end();
    } finally {
      await this.context.close();
    }
  }

  /** Stops at once. */
  stop(): void {
    this.player.stop();
    void this.context.close();
  }
}
