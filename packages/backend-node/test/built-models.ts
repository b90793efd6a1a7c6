/**
 * Models made with @voirs/onnx's GraphBuilder (the way the vocoder packages make theirs), for the
 * backend tests: the conv fixture rebuilt in code, and a small vocoder-like upsampler.
 */
import { BACKEND_TEST_METADATA } from '@voirs/core/testing';
import { GraphBuilder } from '@voirs/onnx';

const formula = (length: number, scale: number, phase: number) =>
  Float32Array.from({ length }, (_, i) => scale * Math.sin(phase + i));

/** `conv.onnx` built in code: same I/O, weights (W[o][i][k] at flat index 12o + 3i + k) and metadata. */
export function builtConv(): Uint8Array {
  const g = new GraphBuilder({ name: 'voirs_test_conv_built', opset: 17 });
  const x = g.input('x', 'float32', ['batch', 4, 'time']);
  const w = g.initializer('W', formula(36, 0.5, 1), [3, 4, 3]);
  const b = g.initializer('B', Float32Array.from([-0.1, 0, 0.1]), [3]);
  const y = g.tanh(g.conv(x, w, b, { pads: 1 }));
  const energy = g.reduceSum(g.mul(y, y), [1, 2], { keepDims: false });
  g.output(y, 'y', ['batch', 3, 'time']);
  g.output(energy, 'energy', ['batch']);
  g.setMetadata(BACKEND_TEST_METADATA);
  return g.toBytes();
}

/**
 * A HiFi-GAN-like stage: `mel` float32 [1, 8, frames] → ConvTranspose (stride 4) → LeakyReLU 0.1 →
 * Conv (k 7) → tanh → `audio` float32 [1, 1, 4 frames].
 */
export function builtUpsampler(): Uint8Array {
  const g = new GraphBuilder({ name: 'voirs_test_upsampler', opset: 17 });
  const mel = g.input('mel', 'float32', [1, 8, 'frames']);
  const up = g.initializer('up.weight', formula(8 * 4 * 8, 0.2, 0.3), [8, 4, 8]);
  const post = g.initializer('post.weight', formula(4 * 7, 0.3, 2), [1, 4, 7]);
  const h = g.leakyRelu(g.convTranspose(mel, up, undefined, { strides: 4, pads: 2 }), 0.1);
  g.output(g.tanh(g.conv(h, post, undefined, { pads: 3 })), 'audio', [1, 1, 'samples']);
  g.setMetadata({ arch: 'voirs-test-upsampler', hop: 4 });
  return g.toBytes();
}
