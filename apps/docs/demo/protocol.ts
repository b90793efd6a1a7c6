/**
 * Messages between the demo page and its vocoding worker. Sample and mel arrays are transferred,
 * not copied.
 */
import type { MelConvention, QualityLevel } from '@voirs/core';

/** A mel as it crosses the worker boundary. */
export interface MelMessage {
  readonly data: Float32Array;
  readonly nMels: number;
  readonly convention: MelConvention;
}

/** What the page asks of the worker. */
export type WorkerRequest =
  | {
      readonly type: 'load-hifigan';
      readonly id: number;
      /** The checkpoint (or converted ONNX) bytes and the config.json found with it. */
      readonly bytes: Uint8Array;
      readonly name: string;
      readonly config?: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: 'vocode';
      readonly id: number;
      readonly vocoder: 'griffinlim' | 'hifigan';
      readonly mel: MelMessage;
      readonly chunkFrames: number;
      readonly quality: QualityLevel;
    }
  | { readonly type: 'cancel'; readonly id: number };

/** What a loaded model is. */
export interface ModelInfo {
  readonly arch: string;
  /** The mel convention the model was trained on (the page computes its mel with it). */
  readonly convention: MelConvention;
  readonly sampleRate: number;
  readonly hop: number;
  readonly parameters: number | undefined;
  /** onnxruntime-web's WASM threads. */
  readonly threads: number | undefined;
  readonly loadMs: number;
}

/** What the worker answers; `id` is the request's. */
export type WorkerResponse =
  | { readonly type: 'model'; readonly id: number; readonly info: ModelInfo }
  | {
      readonly type: 'chunk';
      readonly id: number;
      readonly samples: Float32Array;
      readonly sampleRate: number;
      /** Time the window took to vocode (ms). */
      readonly computeMs: number;
    }
  | { readonly type: 'done'; readonly id: number }
  | {
      readonly type: 'error';
      readonly id: number;
      /** The VocoderError code, or the error's name. */
      readonly code: string;
      readonly message: string;
    };
