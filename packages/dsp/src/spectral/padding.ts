/**
 * Edge padding for framed analysis, with `torch.nn.functional.pad` semantics: `reflect` mirrors
 * around the edge sample without repeating it (`[c b | a b c]`), `constant` pads zeros.
 */
import { InputError } from '@voirs/core';

/** How a signal is extended beyond its edges. */
export type PadMode = 'reflect' | 'constant';

/** The pad modes, for validation. */
export const PAD_MODES: readonly PadMode[] = ['reflect', 'constant'];

/**
 * Pads the segment `buffer[start, end)` in place by `amount` samples on each side, writing into
 * `buffer[start - amount, start)` and `buffer[end, end + amount)`.
 * @throws InputError `E_AUDIO_INVALID` when reflect padding is longer than the segment allows.
 */
export function padInPlace(
  buffer: Float64Array,
  start: number,
  end: number,
  amount: number,
  mode: PadMode,
): void {
  if (amount === 0) return;
  const length = end - start;
  if (mode === 'constant') {
    buffer.fill(0, start - amount, start);
    buffer.fill(0, end, end + amount);
    return;
  }
  if (amount >= length) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `Reflect padding of ${amount} samples needs a signal longer than ${amount} samples, got ${length}. ` +
        'Use longer audio (or constant padding).',
      { details: { samples: length, padding: amount } },
    );
  }
  for (let k = 1; k <= amount; k++) {
    buffer[start - k] = buffer[start + k]!;
    buffer[end - 1 + k] = buffer[end - 1 - k]!;
  }
}
