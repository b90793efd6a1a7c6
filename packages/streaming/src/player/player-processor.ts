/**
 * The AudioWorklet side of the stream player. {@link definePlayerProcessor} runs inside the
 * AudioWorkletGlobalScope (it is serialised into the worklet module with `toString`, so it is
 * self-contained: no imports, no class fields) and registers the processor.
 *
 * Audio arrives through a {@link SampleRingBuffer} on shared memory, or as transferred
 * `Float32Array` chunks posted to the port when cross-origin isolation (and so
 * `SharedArrayBuffer`) is unavailable. Playback starts once `startFrames` frames are buffered (or
 * the stream ended); when the buffer runs dry before the end, the quantum is completed with
 * silence, an underrun is counted and playback waits for `startFrames` again (rebuffering), so one
 * late chunk costs one gap instead of a crackle of tiny ones.
 */
import type { SampleRingBuffer } from './ring-buffer.js';

/** `processorOptions` of the player's AudioWorkletNode. */
export interface PlayerProcessorOptions {
  readonly mode: 'shared' | 'message';
  readonly channels: number;
  readonly startFrames: number;
  /** The ring's memory (shared mode). */
  readonly buffer?: SharedArrayBuffer;
  /** Post a stats message every this many render quanta (and at every underrun and at the end). */
  readonly statsQuanta: number;
}

/** Messages the processor posts to the main thread. */
export interface PlayerStatsMessage {
  readonly type: 'stats' | 'ended';
  readonly framesReceived: number;
  readonly framesPlayed: number;
  readonly underruns: number;
  readonly silentFrames: number;
  readonly playing: boolean;
}

/** Messages the main thread posts to the processor. */
export type PlayerCommand =
  | { readonly type: 'chunk'; readonly samples: Float32Array }
  | { readonly type: 'end' }
  | { readonly type: 'stop' };

/** The parts of the AudioWorkletGlobalScope the processor needs (injectable for tests). */
export interface WorkletScope {
  readonly AudioWorkletProcessor: new () => { readonly port: MessagePort };
  registerProcessor(
    name: string,
    processor: new (options: { processorOptions: PlayerProcessorOptions }) => unknown,
  ): void;
}

/** Registers the player processor as `name` in `scope`; see the module comment. */
export function definePlayerProcessor(
  Ring: typeof SampleRingBuffer,
  scope: WorkletScope,
  name: string,
): void {
  class StreamPlayerProcessor extends scope.AudioWorkletProcessor {
    declare channels: number;
    declare startFrames: number;
    declare statsQuanta: number;
    declare ring: SampleRingBuffer | undefined;
    declare queue: Float32Array[];
    declare queueOffset: number;
    declare queued: number;
    declare endRequested: boolean;
    declare stopped: boolean;
    declare started: boolean;
    declare playing: boolean;
    declare framesReceived: number;
    declare framesPlayed: number;
    declare underruns: number;
    declare silentFrames: number;
    declare quanta: number;
    declare scratch: Float32Array;

    constructor(options: { processorOptions: PlayerProcessorOptions }) {
      super();
      const o = options.processorOptions;
      this.channels = o.channels;
      this.startFrames = o.startFrames;
      this.statsQuanta = o.statsQuanta;
      this.ring = o.mode === 'shared' ? new Ring(o.buffer!) : undefined;
      this.queue = [];
      this.queueOffset = 0;
      this.queued = 0;
      this.endRequested = false;
      this.stopped = false;
      this.started = false;
      this.playing = false;
      this.framesReceived = 0;
      this.framesPlayed = 0;
      this.underruns = 0;
      this.silentFrames = 0;
      this.quanta = 0;
      this.scratch = new Float32Array(128 * o.channels);
      this.port.onmessage = (event: MessageEvent<PlayerCommand>) => this.command(event.data);
    }

    command(message: PlayerCommand): void {
      if (message.type === 'chunk') {
        this.queue.push(message.samples);
        this.queued += message.samples.length;
        this.framesReceived += message.samples.length / this.channels;
        this.post('stats');
      } else if (message.type === 'end') this.endRequested = true;
      else this.stopped = true;
    }

    post(type: 'stats' | 'ended'): void {
      const received =
        this.ring === undefined
          ? this.framesReceived
          : this.framesPlayed + this.ring.availableRead() / this.channels;
      this.port.postMessage({
        type,
        framesReceived: received,
        framesPlayed: this.framesPlayed,
        underruns: this.underruns,
        silentFrames: this.silentFrames,
        playing: this.playing,
      });
    }

    /** Buffered frames. */
    available(): number {
      return (this.ring === undefined ? this.queued : this.ring.availableRead()) / this.channels;
    }

    ended(): boolean {
      return this.ring === undefined ? this.endRequested : this.ring.closed();
    }

    /** Moves `samples` buffered samples into the scratch buffer. */
    take(samples: number): void {
      const out = this.scratch.subarray(0, samples);
      if (this.ring !== undefined) {
        this.ring.read(out);
        return;
      }
      let filled = 0;
      while (filled < samples) {
        const head = this.queue[0]!;
        const n = Math.min(samples - filled, head.length - this.queueOffset);
        out.set(head.subarray(this.queueOffset, this.queueOffset + n), filled);
        filled += n;
        this.queueOffset += n;
        if (this.queueOffset === head.length) {
          this.queue.shift();
          this.queueOffset = 0;
        }
      }
      this.queued -= samples;
    }

    process(_inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
      if (this.stopped) return false;
      const output = outputs[0]!;
      const frames = output[0]!.length;
      const available = this.available();
      const ended = this.ended();
      this.quanta++;
      if (!this.playing) {
        if (available >= this.startFrames || (ended && available > 0)) {
          this.playing = true;
          this.started = true;
        } else {
          if (ended) {
            this.post('ended');
            return false;
          }
          if (this.started) this.silentFrames += frames;
          if (this.quanta % this.statsQuanta === 0) this.post('stats');
          return true;
        }
      }
      const n = Math.min(frames, Math.floor(available));
      const channels = this.channels;
      this.take(n * channels);
      for (let c = 0; c < output.length; c++) {
        const out = output[c]!;
        const source = Math.min(c, channels - 1);
        for (let i = 0; i < n; i++) out[i] = this.scratch[i * channels + source]!;
        out.fill(0, n);
      }
      this.framesPlayed += n;
      if (n < frames) {
        if (ended) {
          this.post('ended');
          return false;
        }
        this.underruns++;
        this.silentFrames += frames - n;
        this.playing = false;
        this.post('stats');
      } else if (this.quanta % this.statsQuanta === 0) this.post('stats');
      return true;
    }
  }
  scope.registerProcessor(name, StreamPlayerProcessor);
}
