/**
 * A HiFi-GAN V1-shaped generator (REFERENCE.md: C 512, upsample [8,8,2,2], kernels [16,16,4,4],
 * ResBlock1 kernels [3,7,11] x dilations [1,3,5]; ~13.9M float32 parameters, ~56 MB) with
 * pseudo-random weights, built with GraphBuilder. For benchmarks only: the real model lives in
 * @voirs/hifigan.
 */
import { GraphBuilder, type Value } from '../src/index.js';

function weights(n: number, seed: number): Float32Array {
  const w = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    w[i] = (s / 2 ** 32 - 0.5) * 0.02;
  }
  return w;
}

/** Builds the graph and counts its parameters. */
export function hifiganV1Graph(): { g: GraphBuilder; parameters: number } {
  const g = new GraphBuilder({ name: 'hifigan-v1-shaped', opset: 17 });
  let parameters = 0;
  let seed = 1;
  const conv = (
    name: string,
    x: Value,
    cin: number,
    cout: number,
    k: number,
    dilation: number,
  ): Value => {
    const w = g.initializer(`${name}.weight`, weights(cout * cin * k, seed++), [cout, cin, k]);
    const b = g.initializer(`${name}.bias`, weights(cout, seed++), [cout]);
    parameters += cout * cin * k + cout;
    return g.conv(x, w, b, { dilations: dilation, pads: (k * dilation - dilation) / 2 });
  };
  const mel = g.input('mel', 'float32', ['batch', 80, 'frames']);
  let x = conv('conv_pre', mel, 80, 512, 7, 1);
  const [ups, kernels] = [
    [8, 8, 2, 2],
    [16, 16, 4, 4],
  ];
  for (let i = 0; i < 4; i++) {
    const [cin, cout, u, k] = [512 >> i, 512 >> (i + 1), ups[i]!, kernels[i]!];
    x = g.scope(`ups.${i}`, () => {
      const w = g.initializer(`ups.${i}.weight`, weights(cin * cout * k, seed++), [cin, cout, k]);
      const b = g.initializer(`ups.${i}.bias`, weights(cout, seed++), [cout]);
      parameters += cin * cout * k + cout;
      return g.convTranspose(g.leakyRelu(x, 0.1), w, b, { strides: u, pads: (k - u) / 2 });
    });
    const blocks = [3, 7, 11].map((rk, j) =>
      g.scope(`resblocks.${i * 3 + j}`, () => {
        let h = x;
        [1, 3, 5].forEach((d, n) => {
          const t = conv(
            `resblocks.${i * 3 + j}.convs1.${n}`,
            g.leakyRelu(h, 0.1),
            cout,
            cout,
            rk,
            d,
          );
          h = g.add(
            conv(`resblocks.${i * 3 + j}.convs2.${n}`, g.leakyRelu(t, 0.1), cout, cout, rk, 1),
            h,
          );
        });
        return h;
      }),
    );
    x = g.div(g.add(g.add(blocks[0]!, blocks[1]!), blocks[2]!), 3);
  }
  const audio = g.tanh(conv('conv_post', g.leakyRelu(x, 0.01), 32, 1, 7, 1));
  g.output(audio, 'audio', ['batch', 1, 'samples']);
  g.setMetadata({
    arch: 'hifigan',
    variant: 'v1-shaped',
    sample_rate: 22050,
    hop: 256,
    mel_preset: 'hifigan',
  });
  return { g, parameters };
}
