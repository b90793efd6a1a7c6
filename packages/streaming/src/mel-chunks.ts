/**
 * Splits a whole mel into chunks, for feeding a stream from a file or a test.
 */
import { ConfigError, sliceMelFrames, type MelSpectrogram } from '@voirs/core';

/**
 * Yields consecutive slices of `mel`: `sizes` frames each, cycling through `sizes` (a single number
 * is a fixed size); the last slice holds what is left.
 * @throws ConfigError `E_INVALID_ARGUMENT` when a size is not a positive integer.
 */
export function* melChunks(
  mel: MelSpectrogram,
  sizes: number | readonly number[],
): Generator<MelSpectrogram> {
  const list = typeof sizes === 'number' ? [sizes] : [...sizes];
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `Mel chunk sizes must be positive integers, got ${JSON.stringify(sizes)}.`,
    );
  }
  for (let start = 0, i = 0; start < mel.frames; i++) {
    const end = Math.min(mel.frames, start + list[i % list.length]!);
    yield sliceMelFrames(mel, start, end);
    start = end;
  }
}
