/**
 * Test inputs for the `models` commands: a tiny HiFi-GAN checkpoint (safetensors + config.json,
 * deterministic weights) that converts in milliseconds, and a catalog folder with one manifest.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSafetensors, type TensorData } from '@voirs/checkpoint';

/** The tiny generator: 4 x4 upsampling stages (hop 256), one ResBlock2 kernel, 16 channels. */
export const TINY_CONFIG = {
  resblock: '2',
  upsample_rates: [4, 4, 4, 4],
  upsample_kernel_sizes: [8, 8, 8, 8],
  upsample_initial_channel: 16,
  resblock_kernel_sizes: [3],
  resblock_dilation_sizes: [[1]],
  num_mels: 80,
  sampling_rate: 22050,
  n_fft: 1024,
  hop_size: 256,
  win_size: 1024,
  fmin: 0,
  fmax: 8000,
};

function tensor(shape: number[], seed: number, scale: number): TensorData {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37 + seed) * scale);
  return { dtype: 'float32', shape, data };
}

/** The tiny checkpoint's bytes (a plain state dict in safetensors). */
export function tinyCheckpointBytes(): Uint8Array {
  const sd = new Map<string, TensorData>();
  const conv = (name: string, shape: number[], out: number) => {
    sd.set(`${name}.weight`, tensor(shape, sd.size, 1 / Math.sqrt(shape[1]! * shape[2]!)));
    sd.set(`${name}.bias`, tensor([out], sd.size, 0.01));
  };
  const c0 = TINY_CONFIG.upsample_initial_channel;
  conv('conv_pre', [c0, 80, 7], c0);
  TINY_CONFIG.upsample_rates.forEach((_, i) =>
    conv(`ups.${i}`, [c0 >> i, c0 >> (i + 1), 8], c0 >> (i + 1)),
  );
  TINY_CONFIG.upsample_rates.forEach((_, stage) => {
    const ch = c0 >> (stage + 1);
    conv(`resblocks.${stage}.convs.0`, [ch, ch, 3], ch);
  });
  conv('conv_post', [1, c0 >> 4, 7], 1);
  return writeSafetensors(sd);
}

/** Writes `<dir>/tiny/generator.safetensors` and its config.json; returns the checkpoint path. */
export function writeTinyCheckpoint(dir: string): string {
  const folder = join(dir, 'tiny');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'generator.safetensors');
  writeFileSync(path, tinyCheckpointBytes());
  writeFileSync(join(folder, 'config.json'), JSON.stringify(TINY_CONFIG));
  return path;
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A catalog folder holding one vocoder manifest for `bytes` served at `url`. */
export function writeCatalog(entry: {
  name: string;
  url: string | null;
  bytes: Uint8Array;
  format: string;
  config: object;
  arch?: string;
  sha256?: string | null;
}): string {
  const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-catalog-'));
  const sha = entry.sha256 === undefined ? sha256(entry.bytes) : entry.sha256;
  const manifest = {
    schema: 1,
    name: entry.name,
    title: `Test model ${entry.name}`,
    kind: 'vocoder',
    vocoder: 'hifigan',
    ...(entry.arch === undefined ? {} : { arch: entry.arch }),
    melPreset: 'hifigan',
    sampleRate: 22050,
    licence: { spdx: 'MIT', url: 'https://example.org/licence' },
    source: {
      page: 'https://example.org/models',
      url: entry.url,
      file: 'generator',
      format: entry.format,
      sha256: sha,
      size: entry.bytes.length,
      verified: sha !== null,
      note: sha === null ? 'no hash published' : 'test hash',
    },
    config: entry.config,
    convert: true,
  };
  writeFileSync(join(dir, `${entry.name}.json`), JSON.stringify(manifest));
  return dir;
}
