/**
 * Creates a {@link StreamPlayer} on an AudioContext.
 */
import { BackendError, ConfigError, throwIfAborted } from '@voirs/core';
import type { PlayerProcessorOptions } from './player-processor.js';
import { SampleRingBuffer } from './ring-buffer.js';
import { StreamPlayer, type PlayerMode, type StreamPlayerOptions } from './stream-player.js';
import { PLAYER_PROCESSOR_NAME, loadPlayerWorklet } from './worklet-module.js';

/** True when this page may share memory with its worklets (cross-origin isolated). */
export function canShareMemory(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

function seconds(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number`);
  if (!(v >= 0) || !Number.isFinite(v))
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `${name} must be a non-negative number of seconds, got ${v}.`,
    );
  return v;
}

/**
 * Loads the player worklet (once per context) and creates a player connected to
 * `options.destination` (default `context.destination`). Resume a suspended `AudioContext`
 * (autoplay policy) yourself, from a user gesture.
 *
 * ```ts
 * const context = new AudioContext({ sampleRate: vocoder.metadata.sampleRate });
 * const player = await createStreamPlayer(context);
 * await vocodeReadableStream(vocoder, mels).pipeTo(player.writable); // resolves once played
 * console.log(player.stats().underruns);
 * ```
 * @throws BackendError `E_UNSUPPORTED_FEATURE` when the context has no AudioWorklet, or when
 * `mode: 'shared'` is asked for on a page that is not cross-origin isolated; ConfigError
 * `E_CONFIG_INVALID` for bad sizes.
 */
export async function createStreamPlayer(
  context: BaseAudioContext,
  options: StreamPlayerOptions = {},
): Promise<StreamPlayer> {
  if (context === null || typeof context !== 'object' || typeof context.sampleRate !== 'number') {
    throw new TypeError('createStreamPlayer expects an AudioContext or OfflineAudioContext');
  }
  const requested = options.mode ?? 'auto';
  if (!['auto', 'shared', 'message'].includes(requested)) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `mode must be auto, shared or message, got "${String(requested)}".`,
    );
  }
  if (requested === 'shared' && !canShareMemory()) {
    throw new BackendError(
      'E_UNSUPPORTED_FEATURE',
      'The shared-memory player needs a cross-origin isolated page (Cross-Origin-Opener-Policy: same-origin and ' +
        'Cross-Origin-Embedder-Policy: require-corp); use mode "auto" or "message" to fall back to posted chunks.',
    );
  }
  const mode: PlayerMode =
    requested === 'auto' ? (canShareMemory() ? 'shared' : 'message') : requested;
  const channels = options.channels ?? 1;
  if (!Number.isInteger(channels) || channels < 1 || channels > 32) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `channels must be an integer in [1, 32], got ${channels}.`,
    );
  }
  const capacityFrames = Math.max(
    128,
    Math.round(seconds(options.bufferSeconds, 2, 'bufferSeconds') * context.sampleRate),
  );
  const startFrames = Math.min(
    capacityFrames,
    Math.round(seconds(options.startSeconds, 0.1, 'startSeconds') * context.sampleRate),
  );
  throwIfAborted(options.signal);
  await loadPlayerWorklet(context);
  throwIfAborted(options.signal);
  const ring = mode === 'shared' ? SampleRingBuffer.allocate(capacityFrames * channels) : undefined;
  const processorOptions: PlayerProcessorOptions = {
    mode,
    channels,
    startFrames,
    buffer: ring?.buffer as SharedArrayBuffer | undefined,
    // about 20 reports per second
    statsQuanta: Math.max(1, Math.round(context.sampleRate / 128 / 20)),
  };
  const node = new AudioWorkletNode(context, PLAYER_PROCESSOR_NAME, {
    numberOfInputs: 0,
    numberOfOutputs: 1,
    outputChannelCount: [channels],
    processorOptions,
  });
  const destination = options.destination === undefined ? context.destination : options.destination;
  if (destination !== null) node.connect(destination);
  const player = new StreamPlayer(
    node,
    mode,
    channels,
    ring === undefined ? capacityFrames : Math.floor(ring.capacity / channels),
    ring,
  );
  options.signal?.addEventListener('abort', () => player.stop(options.signal!.reason), {
    once: true,
  });
  return player;
}
