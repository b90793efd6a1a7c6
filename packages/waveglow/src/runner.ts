/**
 * Runs WaveGlow's inverse pass on a backend: one session for the upsampler and one per flow, so
 * that progress is reported and cancellation honoured between flows. The noise rows are scaled by
 * sigma and prepended here (float32 products, as `sigma * z` in PyTorch), and the channels are
 * interleaved back into time at the end.
 */
import {
  createTensor,
  throwIfAborted,
  type Backend,
  type Session,
  type SessionOptions,
} from '@voirs/core';
import { flowChannels, isEarlyFlow, remainingChannels } from './config.js';
import {
  AUDIO_OUTPUT,
  COND_OUTPUT,
  FLOW_INPUT,
  MEL_INPUT,
  buildFlowGraph,
  buildUpsampleGraph,
} from './graph.js';
import type { WaveglowModel } from './model.js';

/** Per-run hooks of {@link WaveglowRunner.infer}. */
export interface InferHooks {
  readonly signal?: AbortSignal;
  /** Called after the upsampler and after each flow with (stages done, stages in all). */
  readonly onStep?: (done: number, total: number) => void;
}

/**
 * The raw inverse pass on backend sessions (no options parsing, denoising or clipping: that is
 * `WaveglowVocoder`'s work). Create it with {@link WaveglowRunner.create}; runs may overlap.
 */
export class WaveglowRunner {
  private constructor(
    readonly model: WaveglowModel,
    private readonly upsample: Session,
    /** Sessions by flow index. */
    private readonly flows: readonly Session[],
  ) {}

  /**
   * Builds the stage graphs one at a time (bounding peak memory) and opens a session for each.
   * Sessions opened before a failure are disposed.
   */
  static async create(
    model: WaveglowModel,
    backend: Backend,
    options: SessionOptions,
    signal?: AbortSignal,
  ): Promise<WaveglowRunner> {
    const sessions: Session[] = [];
    try {
      sessions.push(
        await backend.createSession(buildUpsampleGraph(model.config, model.weights), options),
      );
      for (let k = 0; k < model.config.nFlows; k++) {
        throwIfAborted(signal);
        sessions.push(
          await backend.createSession(buildFlowGraph(model.config, model.weights, k), options),
        );
      }
    } catch (error) {
      await Promise.allSettled(sessions.map((s) => s.dispose()));
      throw error;
    }
    return new WaveglowRunner(model, sessions[0]!, sessions.slice(1));
  }

  /**
   * The inverse pass for one mel (`data` [n_mels, frames] row-major). `noise` is standard normal
   * noise in the documented layout (see `noise.ts`), or undefined for zeros. Returns the raw audio
   * (`frames * hop` samples, not clipped).
   */
  async infer(
    mel: Float32Array,
    frames: number,
    sigma: number,
    noise: Float32Array | undefined,
    hooks: InferHooks = {},
  ): Promise<Float32Array> {
    const { config } = this.model;
    const { signal, onStep } = hooks;
    const steps = (frames * config.upsampleStride) / config.nGroup;
    const condChannels = config.nMelChannels * config.nGroup;
    const total = config.nFlows + 1;
    const upsampled = await this.upsample.run(
      { [MEL_INPUT]: createTensor('float32', mel, [1, config.nMelChannels, frames]) },
      { signal },
    );
    const cond = createTensor('float32', upsampled[COND_OUTPUT]!.data as Float32Array, [
      1,
      condChannels,
      steps,
    ]);
    throwIfAborted(signal);
    onStep?.(1, total);
    const scaledRows = (first: number, count: number): Float32Array => {
      const out = new Float32Array(count * steps);
      if (noise === undefined || sigma === 0) return out;
      const s = Math.fround(sigma);
      const rows = noise.subarray(first * steps, (first + count) * steps);
      for (let i = 0; i < out.length; i++) out[i] = s * rows[i]!;
      return out;
    };
    let row = remainingChannels(config);
    let audio = scaledRows(0, row);
    for (let k = config.nFlows - 1; k >= 0; k--) {
      const z = createTensor('float32', audio, [1, flowChannels(config, k), steps]);
      const out = await this.flows[k]!.run({ [FLOW_INPUT]: z, [COND_OUTPUT]: cond }, { signal });
      audio = out[AUDIO_OUTPUT]!.data as Float32Array;
      if (isEarlyFlow(config, k)) {
        const early = scaledRows(row, config.nEarlySize);
        const joined = new Float32Array(early.length + audio.length);
        joined.set(early);
        joined.set(audio, early.length);
        audio = joined;
        row += config.nEarlySize;
      }
      throwIfAborted(signal);
      onStep?.(config.nFlows - k + 1, total);
    }
    const g = config.nGroup;
    const samples = new Float32Array(steps * g);
    for (let j = 0; j < g; j++) {
      for (let t = 0; t < steps; t++) samples[t * g + j] = audio[j * steps + t]!;
    }
    return samples;
  }

  /** Disposes every session. */
  async dispose(): Promise<void> {
    await Promise.all([this.upsample.dispose(), ...this.flows.map((s) => s.dispose())]);
  }
}
