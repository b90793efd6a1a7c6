/**
 * Counts the bytes a computation asks for through `ArrayBuffer`, `SharedArrayBuffer`, every typed
 * array constructor (also through `from`, `of`, `slice` and `map`, which construct through the
 * species) and Node's `Buffer.alloc*` / `Buffer.concat`. The count is taken *before* the
 * allocation happens, so a reader that trusts a lying size is caught even when the engine then
 * refuses the allocation. It is a bound on the peak array memory of the computation (the sum of
 * everything requested); strings, plain objects and native (onnxruntime) memory are not counted.
 *
 * Install it once, first thing in a dedicated process, before the code under test is imported
 * (libraries such as fflate keep their own references to the constructors).
 */

const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

let allocated = 0;
let installed = false;

function requestedElements(first: unknown): number {
  if (typeof first === 'number') return Number.isFinite(first) && first > 0 ? first : 0;
  if (typeof first === 'bigint') return Number(first);
  if (
    first instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && first instanceof SharedArrayBuffer)
  ) {
    return 0; // a view on existing memory
  }
  const length = (first as { length?: unknown } | null | undefined)?.length;
  return typeof length === 'number' && Number.isFinite(length) && length > 0 ? length : 0;
}

function countingConstructor<C extends abstract new (...args: never[]) => unknown>(
  original: C,
  bytesPerElement: number,
): C {
  const proxy: C = new Proxy(original, {
    construct(target, args: unknown[], newTarget): object {
      allocated += requestedElements(args[0]) * bytesPerElement;
      return Reflect.construct(
        target as unknown as new (...a: unknown[]) => object,
        args,
        newTarget === proxy ? target : newTarget,
      );
    },
  });
  Object.defineProperty(original.prototype, 'constructor', {
    value: proxy,
    writable: true,
    configurable: true,
  });
  return proxy;
}

/** Replaces the global constructors by counting proxies. Idempotent. */
export function installAllocationCounter(): void {
  if (installed) return;
  installed = true;
  const g = globalThis as unknown as Record<string, unknown>;
  for (const name of TYPED_ARRAYS) {
    const original = g[name] as (abstract new (...args: never[]) => unknown) & {
      BYTES_PER_ELEMENT: number;
    };
    g[name] = countingConstructor(original, original.BYTES_PER_ELEMENT);
  }
  g.ArrayBuffer = countingConstructor(ArrayBuffer, 1);
  if (typeof SharedArrayBuffer !== 'undefined')
    g.SharedArrayBuffer = countingConstructor(SharedArrayBuffer, 1);
  if (typeof Buffer !== 'undefined') {
    for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow'] as const) {
      const original = Buffer[name].bind(Buffer) as (size: number, ...rest: unknown[]) => Buffer;
      (Buffer as unknown as Record<string, unknown>)[name] = (size: number, ...rest: unknown[]) => {
        allocated += requestedElements(size);
        return original(size, ...rest);
      };
    }
    const concat = Buffer.concat.bind(Buffer);
    Buffer.concat = (list: readonly Uint8Array[], totalLength?: number) => {
      allocated += totalLength ?? list.reduce((n, b) => n + b.length, 0);
      return concat(list, totalLength);
    };
  }
}

/** Bytes requested since the last call (or since installation). */
export function takeAllocated(): number {
  const value = allocated;
  allocated = 0;
  return value;
}
