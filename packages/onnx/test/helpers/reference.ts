/**
 * Straightforward TypeScript references for the op tests (clarity over speed).
 */
import { expect } from 'vitest';

export interface T {
  data: Float32Array;
  dims: number[];
}

export interface ConvParams {
  pads: number[]; // [h0, w0, h1, w1] for 2-D
  strides: number[];
  dilations: number[];
  group: number;
  outputPadding?: number[];
}

/** 2-D convolution, NCHW, weight [Co, Ci/g, kh, kw]. */
export function conv2d(x: T, w: T, b: Float32Array | undefined, p: ConvParams): T {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const [Co, Cig, KH, KW] = w.dims as [number, number, number, number];
  const [sh, sw] = p.strides as [number, number];
  const [dh, dw] = p.dilations as [number, number];
  const [ph0, pw0, ph1, pw1] = p.pads as [number, number, number, number];
  const OH = Math.floor((H + ph0 + ph1 - dh * (KH - 1) - 1) / sh) + 1;
  const OW = Math.floor((W + pw0 + pw1 - dw * (KW - 1) - 1) / sw) + 1;
  const Cog = Co / p.group;
  const out = new Float32Array(N * Co * OH * OW);
  for (let n = 0; n < N; n++)
    for (let co = 0; co < Co; co++) {
      const g = Math.floor(co / Cog);
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let s = b ? b[co]! : 0;
          for (let ci = 0; ci < Cig; ci++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const ih = oh * sh - ph0 + kh * dh;
                const iw = ow * sw - pw0 + kw * dw;
                if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
                const c = g * Cig + ci;
                s +=
                  x.data[((n * C + c) * H + ih) * W + iw]! *
                  w.data[((co * Cig + ci) * KH + kh) * KW + kw]!;
              }
          out[((n * Co + co) * OH + oh) * OW + ow] = s;
        }
    }
  return { data: out, dims: [N, Co, OH, OW] };
}

/** 2-D transposed convolution, NCHW, weight [Ci, Co/g, kh, kw]. */
export function convTranspose2d(x: T, w: T, b: Float32Array | undefined, p: ConvParams): T {
  const [N, C, H, W] = x.dims as [number, number, number, number];
  const [, Cog, KH, KW] = w.dims as [number, number, number, number];
  const [sh, sw] = p.strides as [number, number];
  const [dh, dw] = p.dilations as [number, number];
  const [ph0, pw0, ph1, pw1] = p.pads as [number, number, number, number];
  const [oph, opw] = (p.outputPadding ?? [0, 0]) as [number, number];
  const OH = sh * (H - 1) + oph + (KH - 1) * dh + 1 - ph0 - ph1;
  const OW = sw * (W - 1) + opw + (KW - 1) * dw + 1 - pw0 - pw1;
  const Co = Cog * p.group;
  const Cig = C / p.group;
  const out = new Float32Array(N * Co * OH * OW);
  for (let n = 0; n < N; n++)
    for (let co = 0; co < Co; co++)
      for (let i = 0; i < OH * OW; i++) out[(n * Co + co) * OH * OW + i] = b ? b[co]! : 0;
  for (let n = 0; n < N; n++)
    for (let ci = 0; ci < C; ci++) {
      const g = Math.floor(ci / Cig);
      for (let ih = 0; ih < H; ih++)
        for (let iw = 0; iw < W; iw++) {
          const v = x.data[((n * C + ci) * H + ih) * W + iw]!;
          for (let co = 0; co < Cog; co++)
            for (let kh = 0; kh < KH; kh++)
              for (let kw = 0; kw < KW; kw++) {
                const oh = ih * sh + kh * dh - ph0;
                const ow = iw * sw + kw * dw - pw0;
                if (oh < 0 || oh >= OH || ow < 0 || ow >= OW) continue;
                const oc = g * Cog + co;
                out[((n * Co + oc) * OH + oh) * OW + ow]! +=
                  v * w.data[((ci * Cog + co) * KH + kh) * KW + kw]!;
              }
        }
    }
  return { data: out, dims: [N, Co, OH, OW] };
}

/** Views an [N, C, L] tensor as [N, C, 1, L]. */
export function as2d(t: T): T {
  const [a, b, c] = t.dims as [number, number, number];
  return { data: t.data, dims: [a, b, 1, c] };
}

/** 1-D conv params as 2-D ones (a height-1 kernel). */
export function params1d(p: {
  pads: [number, number];
  stride: number;
  dilation: number;
  group: number;
  outputPadding?: number;
}): ConvParams {
  return {
    pads: [0, p.pads[0], 0, p.pads[1]],
    strides: [1, p.stride],
    dilations: [1, p.dilation],
    group: p.group,
    outputPadding: [0, p.outputPadding ?? 0],
  };
}

/** Row-major matrix product of [M, K] and [K, N]. */
export function matmul(
  a: Float32Array,
  b: Float32Array,
  M: number,
  K: number,
  N: number,
): Float32Array {
  const out = new Float32Array(M * N);
  for (let i = 0; i < M; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[i * K + k]! * b[k * N + j]!;
      out[i * N + j] = s;
    }
  return out;
}

/** Expects two arrays equal within `atol + rtol * |expected|`. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  atol = 1e-5,
  rtol = 1e-5,
): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const excess = Math.abs(actual[i]! - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Infinity : excess;
      at = i;
    }
  }
  expect(at, `mismatch at ${at}: ${actual[at]} vs ${expected[at]}`).toBe(-1);
}
