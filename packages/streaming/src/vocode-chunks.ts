/**
 * The streaming engine: mel chunks in (any sizes, from any source), final audio chunks out as soon
 * as their lookahead has arrived, each with its {@link ChunkStats}.
 *
 * Windows run through `vocoder.vocode()` under core's receptive-field-aware streamer
 * (`streamWindows`), the same algorithm as `vocoder.vocodeStream()`: for an exact receptive field
 * (HiFi-GAN) the concatenated output equals offline vocoding, for the others seams are crossfaded.
 * The engine is pull-based: nothing is read from the source or vocoded until the consumer asks for
 * the next chunk, so a slow consumer holds back the producer (backpressure) and memory stays bounded
 * by one window.
 */
import {
  InputError,
  streamWindows,
  throwIfAborted,
  type MelSpectrogram,
  type Vocoder,
} from '@voirs/core';
import { abortableSource, type ChunkSource } from './abortable-source.js';
import type { AudioChunk, ChunkStats } from './chunk-stats.js';
import { planStream } from './latency-plan.js';
import { assertVocoder, resolveStreamOptions, type StreamOptions } from './stream-options.js';

/** When the source had delivered `frames` frames in total. */
interface Arrival {
  readonly frames: number;
  readonly at: number;
}

function assertMelChunk(chunk: unknown): asserts chunk is MelSpectrogram {
  const mel = chunk as MelSpectrogram;
  if (
    mel === null ||
    typeof mel !== 'object' ||
    !(mel.data instanceof Float32Array) ||
    typeof mel.frames !== 'number'
  ) {
    throw new TypeError(
      'stream sources must yield MelSpectrogram chunks (createMel / sliceMelFrames)',
    );
  }
}

/**
 * Vocodes mel chunks from `source` as they arrive; see the module comment.
 *
 * ```ts
 * for await (const audio of vocodeChunks(vocoder, melChunks, { latencyTargetMs: 50 })) {
 *   play(audio.samples); console.log(audio.stats.computeMs);
 * }
 * ```
 * @throws InputError `E_MEL_CONVENTION` / `E_MEL_SHAPE` / `E_MEL_NONFINITE` for a bad chunk,
 * ConfigError `E_CONFIG_INVALID` for bad options, AbortError `E_ABORTED` when `signal` aborts, and
 * whatever the source or the vocoder throws.
 */
export async function* vocodeChunks(
  vocoder: Vocoder,
  source: ChunkSource<MelSpectrogram>,
  options: StreamOptions = {},
): AsyncGenerator<AudioChunk> {
  assertVocoder(vocoder);
  try {
    const { streaming, crossfadeShape } = resolveStreamOptions(options);
    const { signal, synthesis, onChunk } = options;
    throwIfAborted(signal);
    const { hop, sampleRate, receptiveField, name } = vocoder.metadata;
    const right = streaming.lookaheadFrames ?? receptiveField.rightFrames;
    let chunkFrames = streaming.chunkFrames;
    if (chunkFrames === undefined && streaming.latencyTargetMs !== undefined) {
      const plan = await planStream(vocoder, {
        latencyTargetMs: streaming.latencyTargetMs,
        lookaheadFrames: right,
        synthesis,
        signal,
      });
      chunkFrames = plan.chunkFrames;
    }

    const arrivals: Arrival[] = [];
    let received = 0;
    let firstArrival = 0;
    let endedAt = 0;
    const tracked = (async function* () {
      for await (const chunk of abortableSource(source, signal)) {
        assertMelChunk(chunk);
        const at = performance.now();
        if (received === 0) firstArrival = at;
        received += chunk.frames;
        arrivals.push({ frames: received, at });
        yield chunk;
      }
      endedAt = performance.now();
    })();

    let computeMs = 0;
    const vocodeWindow = async (window: MelSpectrogram): Promise<Float32Array> => {
      const started = performance.now();
      const audio = await vocoder.vocode(window, { ...synthesis, signal });
      computeMs = performance.now() - started;
      if (audio.channels !== 1 || audio.sampleRate !== sampleRate) {
        throw new InputError(
          'E_STREAM',
          `${name} returned ${audio.channels}-channel ${audio.sampleRate} Hz audio; streaming needs mono at ${sampleRate} Hz.`,
        );
      }
      return audio.samples;
    };

    let index = 0;
    const pieces = streamWindows(tracked, vocodeWindow, {
      hop,
      receptiveField,
      streaming: { ...streaming, chunkFrames },
      signal,
      consumer: name,
      crossfadeShape,
    });
    for await (const piece of pieces) {
      const now = performance.now();
      // the piece became computable when the source delivered frame end + right - 1, or ended
      let readyAt = endedAt;
      if (!piece.flushed) {
        while (arrivals.length > 1 && arrivals[0]!.frames < piece.end + right) arrivals.shift();
        readyAt = arrivals[0]!.at;
      }
      const stats: ChunkStats = {
        index: index++,
        startFrame: piece.start,
        frames: piece.end - piece.start,
        windowFrames: piece.windowEnd - piece.windowStart,
        leftContextFrames: piece.start - piece.windowStart,
        rightContextFrames: piece.windowEnd - piece.end,
        receivedFrames: piece.received,
        flushed: piece.flushed,
        computeMs,
        latencyMs: now - readyAt,
        elapsedMs: now - firstArrival,
      };
      onChunk?.(stats);
      yield { samples: piece.audio, sampleRate, channels: 1, stats };
    }
  } finally {
    if (options.disposeVocoder === true) await vocoder.dispose();
  }
}
