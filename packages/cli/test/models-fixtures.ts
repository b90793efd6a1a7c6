/**
 * Test inputs for the `models` commands: the tiny HiFi-GAN checkpoint of `@voirs/hifigan/testing`
 * written as a folder (safetensors + config.json), and a catalog folder with one manifest.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TINY_HIFIGAN_CONFIG, tinyHifiganCheckpoint } from '@voirs/hifigan/testing';

/** Writes `<dir>/tiny/generator.safetensors` and its config.json; returns the checkpoint path. */
export function writeTinyCheckpoint(dir: string): string {
  const folder = join(dir, 'tiny');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'generator.safetensors');
  writeFileSync(path, tinyHifiganCheckpoint());
  writeFileSync(join(folder, 'config.json'), JSON.stringify(TINY_HIFIGAN_CONFIG));
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
