/**
 * The public graph builder. Its typed op helpers are grouped by theme in the classes it extends
 * (`ops-math`, `ops-nn`, `ops-quant`, `ops-shape`, `ops-tensor`); state, naming and serialisation
 * live in `graph-core`.
 */
import { TensorOps } from './ops-tensor.js';

/**
 * Builds an ONNX model in code.
 *
 * ```ts
 * const g = new GraphBuilder({ name: 'tiny', opset: 17 });
 * const mel = g.input('mel', 'float32', ['batch', 80, 'frames']);
 * const w = g.initializer('conv.weight', weights, [256, 80, 7]);
 * const y = g.tanh(g.conv(mel, w, undefined, { pads: 3 }));
 * g.output(y, 'audio');
 * const bytes = g.toBytes();
 * ```
 *
 * Values carry their dtype, so mixing dtypes, foreign values or untyped attribute numbers fails
 * while building, with a message, instead of when the runtime loads the model.
 */
export class GraphBuilder extends TensorOps {}
