/**
 * The page's side of the vocoding worker: requests as promises, streamed audio as callbacks, and
 * worker errors turned back into errors with their code.
 */
import type { AudioBuffer, MelSpectrogram, QualityLevel } from '@voirs/core';
import type { ModelInfo, WorkerRequest, WorkerResponse } from './protocol.js';

/** An error the worker reported, with its VocoderError code. */
export class WorkerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

/** What one vocoding run reports while it streams. */
export interface VocodeCallbacks {
  /** One final audio chunk, in order. */
  onChunk(chunk: AudioBuffer, computeMs: number): void;
}

/** Options of {@link VocoderWorker.vocode}. */
export interface VocodeRequest {
  readonly vocoder: 'griffinlim' | 'hifigan';
  readonly mel: MelSpectrogram;
  readonly chunkFrames: number;
  readonly quality: QualityLevel;
  readonly signal?: AbortSignal;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onChunk?: VocodeCallbacks['onChunk'];
}

/** A vocoding worker. */
export class VocoderWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor() {
    this.#worker = new Worker(new URL('./vocode-worker.ts', import.meta.url), {
      type: 'module',
      name: 'voirs-vocoder',
    });
    this.#worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.#receive(event.data);
    this.#worker.onerror = (event) => {
      const error = new WorkerError('E_WORKER', `The vocoding worker failed: ${event.message}`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
  }

  /** Converts (when needed) and loads a HiFi-GAN model in the worker. */
  loadHifigan(
    bytes: Uint8Array,
    name: string,
    config?: Record<string, unknown>,
  ): Promise<ModelInfo> {
    const id = this.#nextId++;
    const done = this.#expect(id) as Promise<ModelInfo>;
    this.#send({ type: 'load-hifigan', id, bytes, name, config }, [bytes.buffer as ArrayBuffer]);
    return done;
  }

  /** Vocodes `mel`, calling `onChunk` with each audio chunk as soon as it is final. */
  vocode(request: VocodeRequest, callbacks: VocodeCallbacks): Promise<void> {
    const id = this.#nextId++;
    const done = this.#expect(id, callbacks.onChunk) as Promise<void>;
    const data = request.mel.data.slice();
    this.#send(
      {
        type: 'vocode',
        id,
        vocoder: request.vocoder,
        mel: { data, nMels: request.mel.nMels, convention: request.mel.convention },
        chunkFrames: request.chunkFrames,
        quality: request.quality,
      },
      [data.buffer],
    );
    request.signal?.addEventListener('abort', () => this.#send({ type: 'cancel', id }), {
      once: true,
    });
    return done;
  }

  /** Stops the worker; pending requests reject. */
  terminate(): void {
    this.#worker.terminate();
    for (const pending of this.#pending.values())
      pending.reject(new WorkerError('E_DISPOSED', 'The demo was closed.'));
    this.#pending.clear();
  }

  #expect(id: number, onChunk?: VocodeCallbacks['onChunk']): Promise<unknown> {
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject, onChunk }));
  }

  #send(request: WorkerRequest, transfer: Transferable[] = []): void {
    this.#worker.postMessage(request, transfer);
  }

  #receive(message: WorkerResponse): void {
    const pending = this.#pending.get(message.id);
    if (pending === undefined) return;
    switch (message.type) {
      case 'chunk':
        pending.onChunk?.(
          { samples: message.samples, sampleRate: message.sampleRate, channels: 1 },
          message.computeMs,
        );
        return;
      case 'model':
        this.#pending.delete(message.id);
        pending.resolve(message.info);
        return;
      case 'done':
        this.#pending.delete(message.id);
        pending.resolve(undefined);
        return;
      case 'error':
        this.#pending.delete(message.id);
        pending.reject(new WorkerError(message.code, message.message));
        return;
    }
  }
}
