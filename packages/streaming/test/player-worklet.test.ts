/**
 * The player's worklet side in Node: the ring buffer (also across real threads) and the processor
 * driven quantum by quantum through a fake AudioWorkletGlobalScope. The browser test plays it for
 * real.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  SampleRingBuffer,
  definePlayerProcessor,
  playerWorkletSource,
  type PlayerProcessorOptions,
  type PlayerStatsMessage,
  type WorkletScope,
} from '../src/player/index.js';

describe('SampleRingBuffer', () => {
  it('rounds its capacity to a power of two and wraps around', () => {
    const ring = SampleRingBuffer.allocate(6, false);
    expect(ring.capacity).toBe(8);
    expect(ring.write(Float32Array.of(1, 2, 3, 4, 5))).toBe(5);
    const out = new Float32Array(3);
    expect(ring.read(out)).toBe(3);
    expect([...out]).toEqual([1, 2, 3]);
    expect(ring.write(Float32Array.of(6, 7, 8, 9, 10, 11, 12))).toBe(6); // 2 left + 6 free = full
    expect(ring.availableWrite()).toBe(0);
    const all = new Float32Array(10);
    expect(ring.read(all)).toBe(8);
    expect([...all.subarray(0, 8)]).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(ring.read(all)).toBe(0);
    expect(ring.closed()).toBe(false);
    ring.close();
    expect(ring.closed()).toBe(true);
    expect(() => new SampleRingBuffer(new ArrayBuffer(16 + 12))).toThrow(RangeError);
    expect(() => SampleRingBuffer.allocate(0)).toThrow(RangeError);
  });

  it('keeps counting correctly past 2^32 samples', () => {
    const ring = SampleRingBuffer.allocate(4, false);
    const state = new Int32Array(ring.buffer, 0, 4);
    state[0] = -2; // both counts just below the 32-bit wrap
    state[1] = -2;
    expect(ring.write(Float32Array.of(1, 2, 3))).toBe(3);
    expect(ring.availableRead()).toBe(3);
    const out = new Float32Array(3);
    expect(ring.read(out)).toBe(3);
    expect([...out]).toEqual([1, 2, 3]);
    expect(ring.availableRead()).toBe(0);
  });

  it('hands every sample over in order between two threads, without locks', async () => {
    const ring = SampleRingBuffer.allocate(1024);
    const total = 200_000;
    const worker = new Worker(
      `
      const { parentPort, workerData } = require('node:worker_threads');
      const SampleRingBuffer = (${SampleRingBuffer.toString()});
      const ring = new SampleRingBuffer(workerData.buffer);
      const out = new Float32Array(300);
      let next = 0, errors = 0;
      while (next < workerData.total) {
        const n = ring.read(out.subarray(0, 1 + (next % 300)));
        for (let i = 0; i < n; i++) if (out[i] !== next++ % 65536) errors++;
      }
      parentPort.postMessage({ next, errors });
      `,
      { eval: true, workerData: { buffer: ring.buffer, total } },
    );
    const done = new Promise<{ next: number; errors: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    let written = 0;
    while (written < total) {
      const n = Math.min(total - written, 1 + (written % 500));
      const block = Float32Array.from({ length: n }, (_, i) => (written + i) % 65536);
      let offset = 0;
      while (offset < n) offset += ring.write(block.subarray(offset));
      written += n;
    }
    expect(await done).toEqual({ next: total, errors: 0 });
    await worker.terminate();
  });
});

/** A fake AudioWorkletGlobalScope that captures the registered processor and its messages. */
function fakeScope() {
  const messages: PlayerStatsMessage[] = [];
  let registered:
    | { name: string; processor: new (o: { processorOptions: PlayerProcessorOptions }) => unknown }
    | undefined;
  class AudioWorkletProcessor {
    readonly port = {
      postMessage: (m: PlayerStatsMessage) => void messages.push(m),
      onmessage: null as unknown,
    } as unknown as MessagePort;
  }
  const scope: WorkletScope = {
    AudioWorkletProcessor,
    registerProcessor: (name, processor) => void (registered = { name, processor }),
  };
  return { scope, messages, registered: () => registered! };
}

interface FakeProcessor {
  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean;
  port: MessagePort & { onmessage: (e: { data: unknown }) => void };
}

function makeProcessor(options: PlayerProcessorOptions) {
  const fake = fakeScope();
  definePlayerProcessor(SampleRingBuffer, fake.scope, 'voirs-test');
  expect(fake.registered().name).toBe('voirs-test');
  const processor = new (fake.registered().processor)({
    processorOptions: options,
  }) as FakeProcessor;
  const outputs = Array.from({ length: options.channels }, () => new Float32Array(128));
  const quantum = () => {
    for (const o of outputs) o.fill(0); // as the real render thread hands them out
    return processor.process([], [outputs]);
  };
  return { processor, outputs, quantum, messages: fake.messages };
}

const ramp = (n: number, from = 0) => Float32Array.from({ length: n }, (_, i) => (from + i) / 1000);

describe('the player processor', () => {
  it('shared mode: waits for the start threshold, plays in order, counts an underrun and rebuffers', () => {
    const ring = SampleRingBuffer.allocate(1024);
    const { quantum, outputs, messages } = makeProcessor({
      mode: 'shared',
      channels: 1,
      startFrames: 200,
      buffer: ring.buffer as SharedArrayBuffer,
      statsQuanta: 1000,
    });
    ring.write(ramp(150));
    expect(quantum()).toBe(true);
    expect(outputs[0]!.every((x) => x === 0)).toBe(true); // still buffering, not an underrun
    ring.write(ramp(150, 150));
    expect(quantum()).toBe(true);
    expect([...outputs[0]!]).toEqual([...ramp(128)]);
    quantum();
    expect([...outputs[0]!]).toEqual([...ramp(128, 128)]);
    quantum(); // 44 frames left: an underrun, the rest of the quantum is silence
    expect([...outputs[0]!.subarray(0, 44)]).toEqual([...ramp(44, 256)]);
    expect(outputs[0]!.subarray(44).every((x) => x === 0)).toBe(true);
    expect(messages.at(-1)).toMatchObject({
      type: 'stats',
      underruns: 1,
      silentFrames: 84,
      framesPlayed: 300,
      playing: false,
    });
    ring.write(ramp(100, 300));
    quantum(); // 100 < 200: rebuffering, silent
    expect(outputs[0]!.every((x) => x === 0)).toBe(true);
    ring.close(); // the end: what is left plays without the threshold, then the node may go
    expect(quantum()).toBe(false);
    expect([...outputs[0]!.subarray(0, 100)]).toEqual([...ramp(100, 300)]);
    expect(messages.at(-1)).toMatchObject({
      type: 'ended',
      framesPlayed: 400,
      underruns: 1,
      silentFrames: 84 + 128,
    });
  });

  it('message mode: plays posted chunks, de-interleaves stereo and reports what it received', () => {
    const { processor, quantum, outputs, messages } = makeProcessor({
      mode: 'message',
      channels: 2,
      startFrames: 64,
      statsQuanta: 2,
    });
    const stereo = Float32Array.from({ length: 2 * 160 }, (_, i) =>
      i % 2 === 0 ? i / 2 : -i / 2 - 0.5,
    );
    processor.port.onmessage({ data: { type: 'chunk', samples: stereo.slice(0, 100) } });
    processor.port.onmessage({ data: { type: 'chunk', samples: stereo.slice(100) } });
    expect(messages.at(-1)).toMatchObject({ type: 'stats', framesReceived: 160 });
    quantum();
    expect([...outputs[0]!.subarray(0, 3)]).toEqual([0, 1, 2]);
    expect([...outputs[1]!.subarray(0, 3)]).toEqual([-1, -2, -3]);
    expect(outputs[0]![127]).toBe(127);
    processor.port.onmessage({ data: { type: 'end' } });
    expect(quantum()).toBe(false); // 32 frames, then ended
    expect(outputs[0]![31]).toBe(159);
    expect(outputs[0]![32]).toBe(0);
    expect(messages.at(-1)).toMatchObject({ type: 'ended', framesPlayed: 160, underruns: 0 });
  });

  it('stops when told to', () => {
    const { processor, quantum } = makeProcessor({
      mode: 'message',
      channels: 1,
      startFrames: 0,
      statsQuanta: 10,
    });
    processor.port.onmessage({ data: { type: 'stop' } });
    expect(quantum()).toBe(false);
  });

  it('serialises into a self-contained worklet module', () => {
    const source = playerWorkletSource();
    let registered = '';
    class AudioWorkletProcessor {
      port = {};
    }
    new Function('globalThis', source)({
      AudioWorkletProcessor,
      registerProcessor: (name: string) => (registered = name),
    });
    expect(registered).toBe('voirs-stream-player');
  });
});
