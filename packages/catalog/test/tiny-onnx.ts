/** A tiny valid ONNX model (y = tanh(x)) for tests that need real ONNX bytes. */
import { GraphBuilder } from '@voirs/onnx';

export function tinyOnnx(label = 'tiny'): Uint8Array {
  const g = new GraphBuilder({ name: label });
  const x = g.input('x', 'float32', [1, 4]);
  g.output(g.tanh(x), 'y', [1, 4]);
  return g.toBytes();
}
