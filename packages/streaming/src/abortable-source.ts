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

/**
 * `read`, or the abort reason as soon as `signal` aborts. The listener lives only as long as this
 * one read: racing every read against one long-lived pending promise would pile up a reaction
 * (holding the item read) per read, a leak of every chunk of a long stream.
 */
function raceAbort<T>(read: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return read;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    read.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
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
  if (isReadableStream(source)) {
    const reader = source.getReader();
    let done = false;
    try {
      for (;;) {
        const result = await raceAbort(reader.read(), signal);
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
      const result = await raceAbort(Promise.resolve(iterator.next()), signal);
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
}
