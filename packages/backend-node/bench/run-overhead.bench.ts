/**
 * Per-run overhead of the voirs session layer (feed checks, queue, output copies) over a bare
 * onnxruntime-node InferenceSession, on the conv fixture at two sizes.
 *
 *   pnpm --filter @voirs/backend-node bench
 */
import { readFileSync } from 'node:fs';
import { backendTestInput } from '@voirs/core/testing';
import * as ort from 'onnxruntime-node';
import { Bench } from 'tinybench';
import { createNodeBackend } from '../src/index.js';

const model = new Uint8Array(readFileSync(new URL('../test/fixtures/conv.onnx', import.meta.url)));
const options = { intraOpThreads: 1 };
const voirs = await createNodeBackend().createSession(model, options);
const bare = await ort.InferenceSession.create(model, { intraOpNumThreads: 1 });

const bench = new Bench({ time: 1000 });
for (const time of [16, 22050]) {
  const x = backendTestInput(1, time);
  const ortX = new ort.Tensor('float32', x.data, [...x.dims]);
  bench
    .add(`onnxruntime-node run, time ${time}`, async () => {
      await bare.run({ x: ortX });
    })
    .add(`voirs session.run, time ${time}`, async () => {
      await voirs.run({ x });
    });
}
await bench.run();
console.table(bench.table());
await Promise.all([voirs.dispose(), bare.release()]);
