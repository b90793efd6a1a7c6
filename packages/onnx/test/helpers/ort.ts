/**
 * Runs built models in onnxruntime-node (a test-only dependency). When VOIRS_ONNX_DUMP_DIR is set,
 * every model run is also written there, for tools/reference/onnx_check.py.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type { GraphBuilder } from '../../src/index.js';

type Data = Float32Array | Int32Array | BigInt64Array | Int8Array | Uint8Array | Uint16Array;

/** A feed: data with dims, and a dtype when the array type is ambiguous (bool, float16). */
export interface Feed {
  data: Data;
  dims: readonly number[];
  dtype?: 'bool' | 'float16';
}

/** An output tensor. */
export interface Out {
  data: Data;
  dims: readonly number[];
  type: string;
}

const TYPES: [new (n: number) => Data, ort.Tensor.Type][] = [
  [Float32Array, 'float32'],
  [Int32Array, 'int32'],
  [BigInt64Array, 'int64'],
  [Int8Array, 'int8'],
  [Uint8Array, 'uint8'],
  [Uint16Array, 'float16'],
];

/** Writes the model for onnx_check.py when VOIRS_ONNX_DUMP_DIR is set. */
export function dump(name: string, bytes: Uint8Array): void {
  const dir = process.env.VOIRS_ONNX_DUMP_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name.replace(/[^\w.-]+/g, '_')}.onnx`), bytes);
}

/** Runs model bytes once. */
export async function runBytes(
  name: string,
  bytes: Uint8Array,
  feeds: Record<string, Feed>,
): Promise<Record<string, Out>> {
  dump(name, bytes);
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  try {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [key, feed] of Object.entries(feeds)) {
      const type = feed.dtype ?? TYPES.find(([T]) => feed.data instanceof T)![1];
      inputs[key] = new ort.Tensor(type, feed.data as never, [...feed.dims]);
    }
    const result = await session.run(inputs);
    const out: Record<string, Out> = {};
    for (const [key, t] of Object.entries(result))
      out[key] = { data: t.data as Data, dims: t.dims, type: t.type };
    return out;
  } finally {
    await session.release();
  }
}

/** Serialises a builder and runs it. */
export function run(
  name: string,
  g: GraphBuilder,
  feeds: Record<string, Feed>,
): Promise<Record<string, Out>> {
  return runBytes(name, g.toBytes(), feeds);
}

/** Runs a single-output model and returns that output. */
export async function run1(
  name: string,
  g: GraphBuilder,
  feeds: Record<string, Feed>,
): Promise<Out> {
  const out = await run(name, g, feeds);
  const values = Object.values(out);
  if (values.length !== 1) throw new Error(`expected one output, got ${values.length}`);
  return values[0]!;
}
