/**
 * The player's AudioWorklet module, built at run time from {@link SampleRingBuffer} and
 * {@link definePlayerProcessor} (serialised with `toString`) and loaded from a `blob:` URL, so it
 * works with any bundler and needs no separately served file. Pages whose Content-Security-Policy
 * forbids `blob:` worklets cannot use the player.
 */
import { BackendError, type ErrorCode } from '@voirs/core';
import { definePlayerProcessor } from './player-processor.js';
import { SampleRingBuffer } from './ring-buffer.js';

/** The processor name the player registers. */
export const PLAYER_PROCESSOR_NAME = 'voirs-stream-player';

/** The worklet module's JavaScript source. */
export function playerWorkletSource(): string {
  return [
    `const SampleRingBuffer = (${SampleRingBuffer.toString()});`,
    `(${definePlayerProcessor.toString()})(SampleRingBuffer, globalThis, ${JSON.stringify(PLAYER_PROCESSOR_NAME)});`,
  ].join('\n');
}

const loaded = new WeakMap<BaseAudioContext, Promise<void>>();

/**
 * Adds the player module to `context.audioWorklet` once per context.
 * @throws BackendError `E_UNSUPPORTED_FEATURE` when the context has no AudioWorklet (insecure page,
 * old browser) or the module cannot be loaded.
 */
export function loadPlayerWorklet(context: BaseAudioContext): Promise<void> {
  let promise = loaded.get(context);
  if (promise === undefined) {
    promise = (async () => {
      const code: ErrorCode = 'E_UNSUPPORTED_FEATURE';
      if (context.audioWorklet === undefined) {
        throw new BackendError(
          code,
          'This AudioContext has no audioWorklet: the page must be served over HTTPS (or localhost) in a current browser.',
        );
      }
      const url = URL.createObjectURL(
        new Blob([playerWorkletSource()], { type: 'text/javascript' }),
      );
      try {
        await context.audioWorklet.addModule(url);
      } catch (cause) {
        throw new BackendError(
          code,
          'The stream player worklet could not be loaded (a Content-Security-Policy that forbids blob: URLs?).',
          { cause },
        );
      } finally {
        URL.revokeObjectURL(url);
      }
    })();
    promise.catch(() => loaded.delete(context));
    loaded.set(context, promise);
  }
  return promise;
}
