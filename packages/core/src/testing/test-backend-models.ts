/**
 * The fixture models `testBackend` runs (made by `tools/reference/backend_fixtures.py`, passed in as
 * bytes) and a float64 reference of the `conv` model, so that backends can be checked against
 * numbers computed without any runtime.
 */
import { createTensor, type Tensor } from '../tensor.js';

/** The fixture models, as the bytes of their .onnx files. */
export interface BackendTestModels {
  /**
   * `conv.onnx`: `x` float32 [batch, 4, time] → `y` = tanh(conv1d(x, W, b, pad 1)) float32
   * [batch, 3, time] and `energy` = Σ y² over channels and time, float32 [batch], with
   * W[o][i][k] = 0.5 sin(1 + 12o + 3i + k), b[o] = 0.1 (o − 1); metadata props
   * {@link BACKEND_TEST_METADATA}.
   */
  readonly conv: Uint8Array;
  /** `gather.onnx`: `ids` int64 [n] → `values` = table[ids] float32 [n] (table[j] = 0.5j − 1, j < 16), `doubled` = 2 ids int64 [n]. */
  readonly gather: Uint8Array;
  /** `dtypes.onnx`: [n] inputs `f16` `i32` `i8` `u8` `b` → `f16_out` = 2 f16, `i32_out` = 2 i32, `i8_out` = −i8, `u8_out` = u8, `b_out` = !b. */
  readonly dtypes: Uint8Array;
}

/** The metadata props of the `conv` fixture. */
export const BACKEND_TEST_METADATA: Readonly<Record<string, string>> = Object.freeze({
  arch: 'voirs-test-conv',
  sample_rate: '22050',
  hop: '256',
  mel_preset: 'hifigan',
});

/** A deterministic conv input. */
export function backendTestInput(batch: number, time: number, seed = 0): Tensor<'float32'> {
  const data = new Float32Array(batch * 4 * time);
  for (let i = 0; i < data.length; i++) data[i] = Math.cos(0.37 * i + seed) * (1 + (seed % 3));
  return createTensor('float32', data, [batch, 4, time]);
}

/** The conv fixture computed in float64: `y` [batch, 3, time] and `energy` [batch]. */
export function referenceConv(x: Tensor<'float32'>): { y: Float64Array; energy: Float64Array } {
  const [batch, , time] = x.dims as [number, number, number];
  const y = new Float64Array(batch * 3 * time);
  const energy = new Float64Array(batch);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < 3; o++) {
      for (let t = 0; t < time; t++) {
        let acc = 0.1 * (o - 1);
        for (let i = 0; i < 4; i++) {
          for (let k = 0; k < 3; k++) {
            const tt = t + k - 1;
            if (tt >= 0 && tt < time)
              acc += 0.5 * Math.sin(1 + 12 * o + 3 * i + k) * x.data[(n * 4 + i) * time + tt]!;
          }
        }
        const v = Math.tanh(acc);
        y[(n * 3 + o) * time + t] = v;
        energy[n]! += v * v;
      }
    }
  }
  return { y, energy };
}
