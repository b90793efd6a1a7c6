/**
 * The demo's vocoding worker: Griffin-Lim (@voirs/dsp) or a HiFi-GAN checkpoint converted in the
 * browser (@voirs/hifigan) running on onnxruntime-web (@voirs/backend-web), streamed window by
 * window (@voirs/streaming) back to the page. Keeping this off the main thread keeps the page
 * responsive while it plays.
 */
/// <reference lib="webworker" />
declare const self: DedicatedWorkerGlobalScope;

import { createMel, isVocoderError, type Vocoder } from '@voirs/core';
import { createWebBackend } from '@voirs/backend-web';
import { griffinLimPlugin } from '@voirs/dsp';
import { hifiganPlugin } from '@voirs/hifigan';
import { melChunks, vocodeChunks } from '@voirs/streaming';
import type { WorkerRequest, WorkerResponse } from './protocol.js';
// #region backend
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import ortMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';

// the WASM-only build of onnxruntime-web (no WebGPU), pointed at the files the site serves
const backend = createWebBackend({
  ort: () => import('onnxruntime-web/wasm'),
  wasmPaths: {
    wasm: new URL(ortWasmUrl, self.location.href).href,
    mjs: new URL(ortMjsUrl, self.location.href).href,
  },
  numThreads: Math.min(4, self.navigator.hardwareConcurrency || 1),
});
// #endregion backend

/** Griffin-Lim vocoders by convention (JSON). */
const griffinLims = new Map<string, Promise<Vocoder>>();
let hifigan: Vocoder | undefined;
const running = new Map<number, AbortController>();

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function fail(id: number, error: unknown): void {
  const code = isVocoderError(error) ? error.code : error instanceof Error ? error.name : 'Error';
  post({
    type: 'error',
    id,
    code,
    message: error instanceof Error ? error.message : String(error),
  });
}

async function loadHifigan(
  request: Extract<WorkerRequest, { type: 'load-hifigan' }>,
): Promise<void> {
  const started = performance.now();
  const vocoder = await hifiganPlugin.create({
    model: { bytes: request.bytes, name: request.name, config: request.config },
    backend,
  });
  await hifigan?.dispose();
  hifigan = vocoder;
  const { arch, convention, sampleRate, hop, extra } = vocoder.metadata;
  post({
    type: 'model',
    id: request.id,
    info: {
      arch,
      convention,
      sampleRate,
      hop,
      parameters: typeof extra?.parameters === 'number' ? extra.parameters : undefined,
      threads: backend.threads,
      loadMs: performance.now() - started,
    },
  });
}

async function vocode(request: Extract<WorkerRequest, { type: 'vocode' }>): Promise<void> {
  const controller = new AbortController();
  running.set(request.id, controller);
  try {
    let vocoder: Vocoder;
    if (request.vocoder === 'griffinlim') {
      const key = JSON.stringify(request.mel.convention);
      if (!griffinLims.has(key))
        griffinLims.set(key, griffinLimPlugin.create({ convention: request.mel.convention }));
      vocoder = await griffinLims.get(key)!;
    } else {
      if (hifigan === undefined) throw new Error('Load a HiFi-GAN checkpoint first.');
      vocoder = hifigan;
    }
    const mel = createMel(request.mel.data, request.mel.nMels, request.mel.convention);
    const chunks = vocodeChunks(vocoder, melChunks(mel, request.chunkFrames), {
      chunkFrames: request.chunkFrames,
      synthesis: { quality: request.quality, seed: 1 },
      signal: controller.signal,
    });
    for await (const chunk of chunks) {
      const samples = chunk.samples.slice();
      post(
        {
          type: 'chunk',
          id: request.id,
          samples,
          sampleRate: chunk.sampleRate,
          computeMs: chunk.stats.computeMs,
        },
        [samples.buffer],
      );
    }
    post({ type: 'done', id: request.id });
  } finally {
    running.delete(request.id);
  }
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    running.get(request.id)?.abort();
    return;
  }
  const work = request.type === 'load-hifigan' ? loadHifigan(request) : vocode(request);
  work.catch((error: unknown) => fail(request.id, error));
};
