/**
 * Browser playback of streamed audio: an AudioWorklet fed through a lock-free ring buffer on a
 * `SharedArrayBuffer` when the page is cross-origin isolated, or with transferred chunks posted to
 * the worklet's port otherwise. Writes wait for room (backpressure), so a producer can never fill
 * memory faster than the audio plays; underruns are counted.
 */
import { AbortError, BackendError, InputError, VocoderError, type AudioBuffer } from '@voirs/core';
import type { PlayerCommand, PlayerStatsMessage } from './player-processor.js';
import type { SampleRingBuffer } from './ring-buffer.js';

/** How audio reaches the worklet. */
export type PlayerMode = 'shared' | 'message';

/** Options of {@link createStreamPlayer}. */
export interface StreamPlayerOptions {
  /** `auto` (default): `shared` when `crossOriginIsolated`, else `message`. */
  readonly mode?: 'auto' | PlayerMode;
  /** Interleaved channels of the audio written (default 1). */
  readonly channels?: number;
  /** Audio the player may hold ahead of playback; writes wait beyond it (default 2 s). */
  readonly bufferSeconds?: number;
  /** Audio buffered before playback starts, and again after an underrun (default 0.1 s). */
  readonly startSeconds?: number;
  /** Where the player's node is connected (default `context.destination`; null: not connected). */
  readonly destination?: AudioNode | null;
  /** Stops the player (pending writes reject). */
  readonly signal?: AbortSignal;
}

/** What the player has done so far. */
export interface PlayerStats {
  readonly mode: PlayerMode;
  /** Frames accepted by {@link StreamPlayer.write}. */
  readonly framesWritten: number;
  /** Frames the worklet has played (as of its last report in message mode). */
  readonly framesPlayed: number;
  /** Frames written but not played yet. */
  readonly bufferedFrames: number;
  /** Times the buffer ran dry before the end. */
  readonly underruns: number;
  /** Frames of silence inserted by underruns (including the rebuffering that follows). */
  readonly silentFrames: number;
  readonly playing: boolean;
  /** True once everything written before {@link StreamPlayer.end} has been played. */
  readonly ended: boolean;
}

const POLL_MS = 10;

/** Plays audio written to it; create it with {@link createStreamPlayer}. */
export class StreamPlayer {
  readonly node: AudioWorkletNode;
  readonly mode: PlayerMode;
  readonly sampleRate: number;
  readonly channels: number;
  readonly #ring: SampleRingBuffer | undefined;
  readonly #capacityFrames: number;
  #report: PlayerStatsMessage = {
    type: 'stats',
    framesReceived: 0,
    framesPlayed: 0,
    underruns: 0,
    silentFrames: 0,
    playing: false,
  };
  #framesWritten = 0;
  #queue: Promise<void> = Promise.resolve();
  #wake: (() => void)[] = [];
  #failure: VocoderError | undefined;
  #ended = false;
  #ending: Promise<PlayerStats> | undefined;
  #endResolve: ((stats: PlayerStats) => void) | undefined;
  #endReject: ((error: unknown) => void) | undefined;
  #writable: WritableStream<AudioBuffer | Float32Array> | undefined;

  /** @internal use {@link createStreamPlayer} */
  constructor(
    node: AudioWorkletNode,
    mode: PlayerMode,
    channels: number,
    capacityFrames: number,
    ring: SampleRingBuffer | undefined,
  ) {
    this.node = node;
    this.mode = mode;
    this.sampleRate = node.context.sampleRate;
    this.channels = channels;
    this.#capacityFrames = capacityFrames;
    this.#ring = ring;
    node.port.onmessage = (event: MessageEvent<PlayerStatsMessage>) => {
      this.#report = event.data;
      if (event.data.type === 'ended') {
        this.#ended = true;
        this.#endResolve?.(this.stats());
      }
      this.#notify();
    };
    node.onprocessorerror = () =>
      this.stop(new BackendError('E_BACKEND_RUN', 'The stream player worklet failed.'));
  }

  /** Current statistics. */
  stats(): PlayerStats {
    const played =
      this.#ring === undefined
        ? this.#report.framesPlayed
        : this.#framesWritten - this.#ring.availableRead() / this.channels;
    return {
      mode: this.mode,
      framesWritten: this.#framesWritten,
      framesPlayed: played,
      bufferedFrames: this.#framesWritten - played,
      underruns: this.#report.underruns,
      silentFrames: this.#report.silentFrames,
      playing: this.#report.playing,
      ended: this.#ended,
    };
  }

  /**
   * Queues audio for playback, waiting while the buffer is full. Blocks of the context's rate and
   * the player's channel count, or interleaved samples. Writes run in order even when not awaited.
   * @throws InputError `E_SAMPLE_RATE` / `E_AUDIO_INVALID` for a mismatched block; VocoderError
   * `E_STREAM` after {@link end}; the stop reason after {@link stop}.
   */
  write(audio: AudioBuffer | Float32Array): Promise<void> {
    const samples = this.#samplesOf(audio);
    if (this.#ending !== undefined)
      return Promise.reject(
        new VocoderError('E_STREAM', 'The player was ended; create a new one to play more.'),
      );
    const run = this.#queue.then(() => this.#push(samples));
    this.#queue = run.catch(() => {});
    return run;
  }

  /** No more audio: resolves with the final stats once everything written has been played. */
  end(): Promise<PlayerStats> {
    this.#ending ??= (async () => {
      await this.#queue;
      this.#throwIfFailed();
      const ended = new Promise<PlayerStats>((resolve, reject) => {
        this.#endResolve = resolve;
        this.#endReject = reject;
      });
      if (this.#ring !== undefined) this.#ring.close();
      else this.#post({ type: 'end' });
      if (this.#ended) return this.stats();
      return ended;
    })();
    return this.#ending;
  }

  /** Stops at once: playback ends, pending writes and {@link end} reject with `reason`. */
  stop(reason: unknown = new AbortError('The player was stopped.')): void {
    if (this.#failure !== undefined) return;
    this.#failure =
      reason instanceof VocoderError
        ? reason
        : new AbortError('The player was stopped.', { cause: reason });
    this.#post({ type: 'stop' });
    this.node.disconnect();
    this.#endReject?.(this.#failure);
    this.#notify();
  }

  /** Resolves when the worklet holds every frame written so far (at once in shared mode). */
  async delivered(): Promise<void> {
    await this.#queue;
    while (this.mode === 'message' && this.#report.framesReceived < this.#framesWritten) {
      this.#throwIfFailed();
      await this.#nextReport();
    }
  }

  /** The player as a WHATWG sink: `await audio.pipeTo(player.writable)` resolves once played. */
  get writable(): WritableStream<AudioBuffer | Float32Array> {
    this.#writable ??= new WritableStream({
      write: (chunk) => this.write(chunk),
      close: async () => void (await this.end()),
      abort: (reason) => this.stop(reason),
    });
    return this.#writable;
  }

  async #push(samples: Float32Array): Promise<void> {
    const ch = this.channels;
    let offset = 0;
    while (offset < samples.length) {
      this.#throwIfFailed();
      if (this.#ring !== undefined) {
        const frames = Math.min(
          Math.floor(this.#ring.availableWrite() / ch),
          (samples.length - offset) / ch,
        );
        this.#ring.write(samples.subarray(offset, offset + frames * ch));
        offset += frames * ch;
        this.#framesWritten += frames;
      } else {
        const room = this.#capacityFrames - this.stats().bufferedFrames;
        const frames = Math.min(room, (samples.length - offset) / ch);
        if (frames > 0) {
          this.#post({ type: 'chunk', samples: samples.slice(offset, offset + frames * ch) }, true);
          offset += frames * ch;
          this.#framesWritten += frames;
        }
      }
      if (offset < samples.length) await this.#nextReport();
    }
  }

  #post(message: PlayerCommand, transfer = false): void {
    if (transfer && message.type === 'chunk')
      this.node.port.postMessage(message, [message.samples.buffer]);
    else this.node.port.postMessage(message);
  }

  /** The next stats report, or a short timeout (shared mode plays without reporting each quantum). */
  #nextReport(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      this.#wake.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const f of wake) f();
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  #samplesOf(audio: AudioBuffer | Float32Array): Float32Array {
    if (audio instanceof Float32Array) {
      if (audio.length % this.channels !== 0) {
        throw new InputError(
          'E_AUDIO_INVALID',
          `${audio.length} samples do not split into ${this.channels} channels.`,
        );
      }
      return audio;
    }
    if (audio === null || typeof audio !== 'object' || !(audio.samples instanceof Float32Array)) {
      throw new TypeError('StreamPlayer.write expects an AudioBuffer or a Float32Array');
    }
    if (audio.sampleRate !== this.sampleRate) {
      throw new InputError(
        'E_SAMPLE_RATE',
        `Audio at ${audio.sampleRate} Hz was written to a player on a ${this.sampleRate} Hz AudioContext; ` +
          `create the context with new AudioContext({ sampleRate: ${audio.sampleRate} }) or resample.`,
      );
    }
    if (audio.channels !== this.channels) {
      throw new InputError(
        'E_AUDIO_INVALID',
        `A ${audio.channels}-channel block was written to a ${this.channels}-channel player.`,
      );
    }
    return audio.samples;
  }
}
