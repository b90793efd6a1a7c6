/**
 * Hostile WAV, safetensors and npy files: sizes of 2^32 - 1 and 2^64 - 1, 65535 channels, sample
 * rates of 0 and 10 MHz, overlapping and out-of-file tensor offsets, absurd npy shapes. Each comes
 * with the behaviour the public entry points must show: an error code, or `ok` where the format
 * defines the case (a WAV data size of 0xFFFFFFFF is the streaming convention: read to the end).
 */
import { writeNpy } from '@voirs/dsp';
import type { HostileFile } from './hostile-checkpoints.js';

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u16 = (v: number) => new Uint8Array(Uint16Array.of(v).buffer);
const u32 = (v: number) => new Uint8Array(Uint32Array.of(v >>> 0).buffer);
const u64 = (v: bigint) => new Uint8Array(BigUint64Array.of(v).buffer);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
};

interface WavSpec {
  readonly riffSize?: number;
  readonly dataSize?: number;
  readonly channels?: number;
  readonly rate?: number;
  readonly bits?: number;
  readonly fmtSize?: number;
  readonly frames?: number;
}

/** A PCM WAV whose header fields can lie. */
export function wavWith(spec: WavSpec = {}): Uint8Array {
  const { channels = 1, rate = 22050, bits = 16, frames = 2205 } = spec;
  const align = Math.max(1, (channels * bits) / 8) & 0xffff;
  const data = new Uint8Array(Math.min(frames * align, 1 << 20));
  for (let i = 0; i + 1 < data.length; i += 2) data[i + 1] = (i * 7) & 0x3f;
  const fmt = concat(u16(1), u16(channels), u32(rate), u32(rate * align), u16(align), u16(bits));
  const body = concat(
    ascii('WAVE'),
    ascii('fmt '),
    u32(spec.fmtSize ?? 16),
    fmt,
    ascii('data'),
    u32(spec.dataSize ?? data.length),
    data,
  );
  return concat(ascii('RIFF'), u32(spec.riffSize ?? body.length), body);
}

/** Hostile WAVs and the code (or `ok`) each must give. */
export function hostileWavs(): HostileFile[] {
  return [
    {
      name: 'data chunk claiming 2^32 - 1 bytes (the streaming convention)',
      bytes: wavWith({ dataSize: 0xffffffff }),
      code: 'ok',
    },
    {
      name: 'data chunk claiming 2^32 - 2 bytes',
      bytes: wavWith({ dataSize: 0xfffffffe }),
      code: 'E_WAV_TRUNCATED',
    },
    {
      name: 'RIFF size 2^32 - 1 (not trusted)',
      bytes: wavWith({ riffSize: 0xffffffff }),
      code: 'ok',
    },
    {
      name: '65535 channels',
      bytes: wavWith({ channels: 65535, frames: 1 }),
      code: 'E_WAV_UNSUPPORTED',
    },
    { name: '0 channels', bytes: wavWith({ channels: 0 }), code: 'E_WAV_INVALID' },
    { name: 'sample rate 0', bytes: wavWith({ rate: 0 }), code: 'E_SAMPLE_RATE' },
    { name: 'sample rate 10 MHz', bytes: wavWith({ rate: 10_000_000 }), code: 'E_SAMPLE_RATE' },
    { name: '12-bit samples', bytes: wavWith({ bits: 12 }), code: 'E_WAV_UNSUPPORTED' },
    {
      name: 'fmt chunk claiming 2^32 - 16 bytes',
      bytes: wavWith({ fmtSize: 0xfffffff0 }),
      code: 'E_WAV_TRUNCATED',
    },
  ];
}

function safetensors(header: unknown, data: Uint8Array, lengthOverride?: bigint): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  return concat(u64(lengthOverride ?? BigInt(json.length)), json, data);
}

/**
 * Hostile safetensors files: `E_SAFETENSORS_INVALID`, except a header length that does not point
 * at a JSON header, which content detection does not take for safetensors at all
 * (`E_UNSUPPORTED_FORMAT`: "not a model").
 */
export function hostileSafetensors(): HostileFile[] {
  const t = (from: number, to: number, shape = [(to - from) / 4]) => ({
    dtype: 'F32',
    shape,
    data_offsets: [from, to],
  });
  const data = new Uint8Array(16);
  const code = 'E_SAFETENSORS_INVALID';
  return [
    {
      name: 'overlapping offsets',
      bytes: safetensors({ 'conv_pre.weight': t(0, 12), 'conv_pre.bias': t(4, 16) }, data),
      code,
    },
    {
      name: 'offsets past the end of the file',
      bytes: safetensors({ 'conv_pre.weight': t(0, 2 ** 40) }, data),
      code,
    },
    {
      name: 'offsets beyond 2^53',
      bytes: safetensors({ 'conv_pre.weight': t(0, 2 ** 60) }, data),
      code,
    },
    {
      name: 'dtype "constructor" (an Object.prototype member)',
      bytes: safetensors(
        { 'conv_pre.weight': { dtype: 'constructor', shape: [4], data_offsets: [0, 16] } },
        data,
      ),
      code,
    },
    { name: 'a gap between tensors', bytes: safetensors({ a: t(0, 4), b: t(8, 16) }, data), code },
    {
      name: 'shape not matching the byte range',
      bytes: safetensors({ a: t(0, 16, [1000, 1000]) }, data),
      code,
    },
    {
      name: 'header length 2^64 - 1',
      bytes: safetensors({ a: t(0, 16) }, data, 2n ** 64n - 1n),
      code: 'E_UNSUPPORTED_FORMAT',
    },
    {
      name: 'header length past the end',
      bytes: safetensors({ a: t(0, 16) }, data, 4096n),
      code: 'E_UNSUPPORTED_FORMAT',
    },
  ];
}

/** A float32 npy whose header claims `shape` over `values` floats of data. */
function npyClaiming(shape: string, values: number): Uint8Array {
  const good = writeNpy(new Float32Array(values), [values]);
  const text = new TextDecoder().decode(good.subarray(10, 10 + (good[8]! | (good[9]! << 8))));
  const patched = text.replace(/'shape': \([^)]*\)/, `'shape': ${shape}`);
  const header = ascii(
    patched
      .trimEnd()
      .padEnd(good[8]! | (good[9]! << 8), ' ')
      .slice(0, -1) + '\n',
  );
  return concat(
    good.subarray(0, 8),
    u16(header.length),
    header,
    good.subarray(10 + (good[8]! | (good[9]! << 8))),
  );
}

/** Hostile or broken mel .npy files and the code each must give through `vocode`. */
export function hostileMels(): HostileFile[] {
  const nan = new Float32Array(80 * 4).fill(-5);
  nan[17] = Number.NaN;
  const inf = new Float32Array(80 * 4).fill(-5);
  inf[3] = Infinity;
  return [
    { name: 'a mel holding NaN', bytes: writeNpy(nan, [80, 4]), code: 'E_MEL_NONFINITE' },
    { name: 'a mel holding Infinity', bytes: writeNpy(inf, [80, 4]), code: 'E_MEL_NONFINITE' },
    {
      name: 'a mel with 0 frames',
      bytes: writeNpy(new Float32Array(0), [80, 0]),
      code: 'E_MEL_SHAPE',
    },
    {
      name: 'a transposed mel [4, 80]',
      bytes: writeNpy(new Float32Array(320), [4, 80]),
      code: 'E_MEL_SHAPE',
    },
    {
      name: 'a mel of 100 bands',
      bytes: writeNpy(new Float32Array(400), [100, 4]),
      code: 'E_MEL_SHAPE',
    },
    {
      name: 'a header claiming (2^40, 80) over 320 floats',
      bytes: npyClaiming('(1099511627776, 80)', 320),
      code: 'E_NPY_INVALID',
    },
    {
      name: 'a header claiming (80, 2^53) over 320 floats',
      bytes: npyClaiming('(80, 9007199254740992)', 320),
      code: 'E_NPY_INVALID',
    },
  ];
}
