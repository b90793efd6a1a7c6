/**
 * Serialisation cost of a HiFi-GAN V1-sized model (~56 MB of float32 initializers):
 * GraphBuilder.toBytes() (this package's wire encoder), the same initializer set through
 * onnx-proto/protobufjs 6 (the alternative we measured against), and readOnnxModel.
 *
 *   pnpm --filter @voirs/onnx bench
 */
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { Bench } from 'tinybench';
import { readOnnxModel } from '../src/index.js';
import { hifiganV1Graph } from './hifigan-v1-graph.js';

const { g, parameters } = hifiganV1Graph();
const bytes = g.toBytes();
const info = readOnnxModel(bytes);
console.log(
  `${parameters} parameters, ${info.graph.initializers.length} initializers, ${info.graph.nodes.length} nodes, ` +
    `model ${(bytes.length / 1e6).toFixed(1)} MB`,
);

// The model must run: 8 frames in, 8 * 256 samples out.
const session = await ort.InferenceSession.create(bytes);
const out = await session.run({
  mel: new ort.Tensor('float32', new Float32Array(80 * 8), [1, 80, 8]),
});
console.log('onnxruntime output dims', out.audio!.dims);
await session.release();

// The same initializers as protobufjs message objects (raw_data referencing the same arrays).
const { onnx } = onnxProto as unknown as {
  onnx: {
    ModelProto: { create(o: unknown): unknown; encode(m: unknown): { finish(): Uint8Array } };
  };
};
const initializers = info.graph.initializers.map((t) => ({
  name: t.name,
  dims: t.dims,
  dataType: 1,
  rawData: t.rawData,
}));

const before = process.memoryUsage().arrayBuffers;
g.toBytes();
console.log(
  `toBytes allocates ${((process.memoryUsage().arrayBuffers - before) / 1e6).toFixed(1)} MB of array buffers`,
);

const bench = new Bench({ time: 2000 });
bench
  .add('GraphBuilder.toBytes (whole model)', () => {
    g.toBytes();
  })
  .add('onnx-proto encode (initializers only)', () => {
    onnx.ModelProto.encode(
      onnx.ModelProto.create({ irVersion: 8, graph: { name: 'g', initializer: initializers } }),
    ).finish();
  })
  .add('readOnnxModel (whole model)', () => {
    readOnnxModel(bytes);
  });
await bench.run();
console.table(bench.table());
