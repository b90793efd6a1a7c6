/**
 * An upsampling ConvTranspose as a plain convolution over its polyphase components.
 *
 * ConvTranspose1d(C_in -> C_out, kernel K, stride u, padding p) writes output sample t = m*u + r
 * (phase r in [0, u)) from inputs n = m + o with kernel tap j = r + p - o*u (0 <= j < K). So the u
 * phases are u*C_out output channels of an ordinary stride-1 convolution over the input rate, with
 * kernel offsets o in [oLo, oHi] (HiFi-GAN's K = 2u, p = u/2: offsets -1..1, 1.5x the transposed
 * convolution's multiply-adds); interleaving the phases ([B, u, C_out, M] -> [B, C_out, M, u]) gives
 * the ConvTranspose's output. onnxruntime runs ConvTranspose outside its blocked NCHWc layout (and
 * splits it poorly over threads); the polyphase convolution, with u*C_out output channels, runs in
 * its fastest blocked kernels.
 */
import type { ConvWeights } from './weights.js';

/** The polyphase form of a ConvTranspose: conv weights [u*C_out, C_in, Kc] and pads. */
export interface PolyphaseConv {
  readonly conv: ConvWeights;
  /** Zero padding before and after the input (the offsets' reach). */
  readonly pads: readonly [number, number];
  readonly stride: number;
  /** C_out, the channels after interleaving. */
  readonly channels: number;
}

/**
 * Whether a ConvTranspose of kernel `K`, stride `u` and padding `p` writes exactly u samples per
 * input sample, the only case {@link polyphaseConv} covers.
 */
export const hasPolyphaseForm = (K: number, u: number, p: number): boolean =>
  K - 2 * p === u && u >= 1 && p >= 0;

/**
 * The polyphase convolution of a ConvTranspose1d with weights `w` ([C_in, C_out, K], PyTorch's
 * layout), stride `u` and padding `p`, or undefined when its output is not exactly u samples per
 * input sample (K - 2p != u), the only case the interleaving covers.
 */
export function polyphaseConv(w: ConvWeights, u: number, p: number): PolyphaseConv | undefined {
  const [cin, cout, K] = w.dims;
  if (!hasPolyphaseForm(K, u, p)) return undefined;
  const oLo = Math.ceil((p - K + 1) / u);
  const oHi = Math.floor((u - 1 + p) / u);
  const kc = oHi - oLo + 1;
  const weight = new Float32Array(u * cout * cin * kc);
  for (let r = 0; r < u; r++)
    for (let co = 0; co < cout; co++)
      for (let ci = 0; ci < cin; ci++)
        for (let kappa = 0; kappa < kc; kappa++) {
          const j = r + p - (oLo + kappa) * u;
          if (j < 0 || j >= K) continue;
          weight[((r * cout + co) * cin + ci) * kc + kappa] = w.weight[(ci * cout + co) * K + j]!;
        }
  const bias = new Float32Array(u * cout);
  for (let r = 0; r < u; r++) bias.set(w.bias, r * cout);
  return {
    conv: { weight, bias, dims: [u * cout, cin, kc] },
    pads: [-oLo, oHi],
    stride: u,
    channels: cout,
  };
}
