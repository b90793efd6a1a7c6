/**
 * A one-slot handoff between a writer and an async-iterating reader: `put()` resolves only when the
 * reader has taken the item, so the writer can never run ahead of the reader by more than one item.
 * Failures travel both ways: `fail()` (writer side) rejects the reader, `cancel()` (reader side)
 * rejects pending and later puts.
 */
import { VocoderError } from '@voirs/core';

interface Slot<T> {
  readonly value: T;
  readonly taken: () => void;
  readonly refused: (reason: unknown) => void;
}

/** See the module comment. */
export class HandoffChannel<T> implements AsyncIterable<T> {
  #slot: Slot<T> | undefined;
  #reader: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  #closed = false;
  #failure: { reason: unknown } | undefined;
  #cancelled: { reason: unknown } | undefined;

  /** Hands `value` to the reader; resolves once it was taken. */
  put(value: T): Promise<void> {
    if (this.#cancelled !== undefined) return Promise.reject(this.#cancelled.reason);
    if (this.#closed || this.#failure !== undefined || this.#slot !== undefined) {
      return Promise.reject(
        new VocoderError(
          'E_STREAM',
          'A chunk was written after close() or before the previous write finished; await each write.',
        ),
      );
    }
    return new Promise<void>((taken, refused) => {
      if (this.#reader !== undefined) {
        const reader = this.#reader;
        this.#reader = undefined;
        reader.resolve({ done: false, value });
        taken();
      } else this.#slot = { value, taken, refused };
    });
  }

  /** No more items: the reader finishes after the last one. */
  close(): void {
    this.#closed = true;
    if (this.#slot === undefined) this.#settleReader();
  }

  /** The writer failed: the reader's next read rejects with `reason`. */
  fail(reason: unknown): void {
    this.#failure = { reason };
    this.#slot?.refused(reason);
    this.#slot = undefined;
    this.#settleReader();
  }

  /** The reader stopped: pending and later puts reject with `reason`. */
  cancel(reason: unknown): void {
    this.#cancelled ??= { reason };
    this.#slot?.refused(this.#cancelled.reason);
    this.#slot = undefined;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () =>
        new Promise<IteratorResult<T>>((resolve, reject) => {
          if (this.#reader !== undefined)
            throw new VocoderError('E_STREAM', 'The channel is already being read.');
          const slot = this.#slot;
          if (slot !== undefined) {
            this.#slot = undefined;
            slot.taken();
            resolve({ done: false, value: slot.value });
            return;
          }
          this.#reader = { resolve, reject };
          this.#settleReader();
        }),
      // the reader stopping early is reported through cancel(), with the reason it stopped
      return: async () => ({ done: true, value: undefined }),
    };
  }

  #settleReader(): void {
    const reader = this.#reader;
    if (reader === undefined) return;
    if (this.#failure !== undefined) {
      this.#reader = undefined;
      reader.reject(this.#failure.reason);
    } else if (this.#closed && this.#slot === undefined) {
      this.#reader = undefined;
      reader.resolve({ done: true, value: undefined });
    }
  }
}
