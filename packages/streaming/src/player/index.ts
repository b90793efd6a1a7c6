/**
 * `@voirs/streaming/player`: browser playback of streamed audio through an AudioWorklet, fed by a
 * lock-free ring buffer on a SharedArrayBuffer (cross-origin isolated pages) or by posted chunks.
 * @packageDocumentation
 */
export { createStreamPlayer, canShareMemory } from './create-stream-player.js';
export {
  StreamPlayer,
  type PlayerMode,
  type PlayerStats,
  type StreamPlayerOptions,
} from './stream-player.js';
export { SampleRingBuffer } from './ring-buffer.js';
export { PLAYER_PROCESSOR_NAME, playerWorkletSource } from './worklet-module.js';
export {
  definePlayerProcessor,
  type PlayerCommand,
  type PlayerProcessorOptions,
  type PlayerStatsMessage,
  type WorkletScope,
} from './player-processor.js';
