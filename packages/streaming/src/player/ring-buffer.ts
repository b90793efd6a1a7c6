/**
 * A lock-free single-producer single-consumer ring of float samples, for handing audio from the
 * main thread to an AudioWorklet through a `SharedArrayBuffer`.
 *
 * Layout: a 4-slot Int32 header (write count, read count, closed flag, spare) then `capacity`
 * float32 samples; `capacity` is a power of two so the free-running 32-bit counts wrap cleanly.
 * The producer copies samples in, then publishes them with an `Atomics.store` of the write count;
 * the consumer reads the count with `Atomics.load` (sequentially consistent, so the samples written
 * before it are visible), copies samples out and publishes the read count the same way. No locks,
 * no waiting, no allocation: safe on the audio thread.
 *
 * This class is also serialised (`Function.prototype.toString`) into the worklet module, so it
 * must stay self-contained: no imports, no class-field initialisers, no private `#fields`.
 */
export class SampleRingBuffer {
  /** Samples the ring holds. */
  declare readonly capacity: number;
  /** The memory both sides share (header then samples). */
  declare readonly buffer: SharedArrayBuffer | ArrayBuffer;
  declare private readonly state: Int32Array;
  declare private readonly data: Float32Array;
  declare private readonly mask: number;

  /** Bytes of the header in front of the samples. */
  static headerBytes(): number {
    return 16;
  }

  /**
   * Allocates a ring for at least `minCapacity` samples (rounded up to a power of two), on a
   * `SharedArrayBuffer` when `shared` (default) or a plain `ArrayBuffer` (single-thread use).
   */
  static allocate(minCapacity: number, shared = true): SampleRingBuffer {
    if (!Number.isInteger(minCapacity) || minCapacity < 1 || minCapacity > 2 ** 28) {
      throw new RangeError(`ring capacity must be an integer in [1, 2^28], got ${minCapacity}`);
    }
    let capacity = 1;
    while (capacity < minCapacity) capacity *= 2;
    const bytes = SampleRingBuffer.headerBytes() + 4 * capacity;
    return new SampleRingBuffer(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  /** Attaches to memory made by {@link SampleRingBuffer.allocate} (possibly in another thread). */
  constructor(buffer: SharedArrayBuffer | ArrayBuffer) {
    const header = SampleRingBuffer.headerBytes();
    const capacity = (buffer.byteLength - header) / 4;
    if (!(capacity >= 1) || (capacity & (capacity - 1)) !== 0) {
      throw new RangeError('not a SampleRingBuffer memory block');
    }
    this.buffer = buffer;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.state = new Int32Array(buffer, 0, 4);
    this.data = new Float32Array(buffer, header, capacity);
  }

  /** Samples written and not read yet. */
  availableRead(): number {
    return (Atomics.load(this.state, 0) - Atomics.load(this.state, 1)) >>> 0;
  }

  /** Samples that can be written now. */
  availableWrite(): number {
    return this.capacity - this.availableRead();
  }

  /** Producer: copies as many samples of `samples` as fit; returns how many. */
  write(samples: Float32Array): number {
    const w = Atomics.load(this.state, 0) >>> 0;
    const n = Math.min(samples.length, this.capacity - ((w - Atomics.load(this.state, 1)) >>> 0));
    const start = w & this.mask;
    const first = Math.min(n, this.capacity - start);
    this.data.set(samples.subarray(0, first), start);
    if (n > first) this.data.set(samples.subarray(first, n), 0);
    Atomics.store(this.state, 0, (w + n) | 0);
    return n;
  }

  /** Consumer: copies up to `out.length` samples into `out`; returns how many. */
  read(out: Float32Array): number {
    const r = Atomics.load(this.state, 1) >>> 0;
    const n = Math.min(out.length, (Atomics.load(this.state, 0) - r) >>> 0);
    const start = r & this.mask;
    const first = Math.min(n, this.capacity - start);
    out.set(this.data.subarray(start, start + first), 0);
    if (n > first) out.set(this.data.subarray(0, n - first), first);
    Atomics.store(this.state, 1, (r + n) | 0);
    return n;
  }

  /** Producer: no more samples will come. */
  close(): void {
    Atomics.store(this.state, 2, 1);
  }

  /** True once the producer closed the ring (samples may still be waiting to be read). */
  closed(): boolean {
    return Atomics.load(this.state, 2) === 1;
  }
}
