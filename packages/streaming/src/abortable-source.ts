/**
 * Reads a source (an async iterable or a WHATWG `ReadableStream`) so that an `AbortSignal` ends the
 * wait for the next item at once, and the source is always closed when reading stops early.
 */
import { AbortError, VocoderError } from '@voirs/core';

/** Anything mel chunks (or other items) can be read from. */
export type ChunkSource<T> = AsyncIterable<T> | Iterable<T> | ReadableStream<T>;

/** The error an aborted signal stands for (its reason when that is a VocoderError). */
export function abortReason(signal: AbortSignal): VocoderError {
  const reason: unknown = signal.reason;
  if (reason instanceof VocoderError) return reason;
  return new AbortError('The stream was aborted.', { cause: reason });
}

/** A promise that rejects when `signal` aborts; `dispose()` removes the listener. */
function abortPromise(signal: AbortSignal | undefined): {
  promise: Promise<never>;
  dispose(): void;
} {
  if (signal === undefined) return { promise: new Promise<never>(() => {}), dispose() {} };
  let onAbort = () => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortReason(signal));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {}); // observed by the race below; never an unhandled rejection
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

const isReadableStream = <T>(source: ChunkSource<T>): source is ReadableStream<T> =>
  typeof (source as ReadableStream<T>).getReader === 'function';

/**
 * Yields the items of `source`. When `signal` aborts, the pending read is abandoned, the source is
 * cancelled (`ReadableStream.cancel`, `iterator.return()`) and the generator throws the abort
 * reason. When the caller stops early, the source is closed too.
 */
export async function* abortableSource<T>(
  source: ChunkSource<T>,
  signal?: AbortSignal,
): AsyncGenerator<T> {
  if (source === null || typeof source !== 'object')
    throw new TypeError('the source must be an async iterable or a ReadableStream');
  const aborted = abortPromise(signal);
  try {
    if (isReadableStream(source)) {
      const reader = source.getReader();
      let done = false;
      try {
        for (;;) {
          const result = await Promise.race([reader.read(), aborted.promise]);
          if (result.done) {
            done = true;
            return;
          }
          yield result.value;
        }
      } finally {
        if (!done) reader.cancel(signal?.aborted ? abortReason(signal) : undefined).catch(() => {});
        try {
          reader.releaseLock();
        } catch {
          // older stream implementations refuse while a read is pending; cancel() already closed it
        }
      }
    }
    const iterable = source as AsyncIterable<T> | Iterable<T>;
    const open =
      (iterable as AsyncIterable<T>)[Symbol.asyncIterator]?.bind(iterable) ??
      (iterable as Iterable<T>)[Symbol.iterator]?.bind(iterable);
    if (open === undefined)
      throw new TypeError('the source must be an async iterable or a ReadableStream');
    const iterator = open() as AsyncIterator<T> | Iterator<T>;
    let done = false;
    let pending = false;
    try {
      for (;;) {
        pending = true;
        const result = await Promise.race([iterator.next(), aborted.promise]);
        pending = false;
        if (result.done === true) {
          done = true;
          return;
        }
        yield result.value;
      }
    } finally {
      if (!done && iterator.return !== undefined) {
        // An async generator queues return() behind a pending next(): do not wait for it then.
        const closing = Promise.resolve(iterator.return()).catch(() => {});
        if (!pending) await closing;
      }
    }
  } finally {
    aborted.dispose();
  }
}
