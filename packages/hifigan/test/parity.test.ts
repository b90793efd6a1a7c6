/**
 * Parity with the PyTorch reference (tools/reference/hifigan_reference.py): the official V2 weights
 * on real speech, and the V1, V3 and a custom architecture with hash weights; in both backends.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend, Vocoder } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { createNodeBackend } from '@voirs/backend-node';
import { createWebBackend } from '@voirs/backend-web';
import { writeSafetensors } from '@voirs/checkpoint';
import { HIFIGAN_ARCHS, hifiganPlugin, type HifiganConfig } from '../src/index.js';
import { compare, fixtureArray, fixtureJson, goldenMel } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const backends: [string, () => Backend][] = [
  ['node', () => createNodeBackend()],
  ['web', () => createWebBackend()],
];
const open: Vocoder[] = [];
afterAll(async () => Promise.all(open.map((v) => v.dispose())));

async function load(
  backend: Backend,
  bytes: Uint8Array,
  config?: Record<string, unknown>,
): Promise<Vocoder> {
  await backend.init?.();
  const vocoder = await hifiganPlugin.create({ model: { bytes, config, name: 'test' }, backend });
  open.push(vocoder);
  return vocoder;
}

function hashCheckpoint(config: HifiganConfig): Uint8Array {
  return writeSafetensors(hashStateDict(config));
}

describe.each(backends)('HiFi-GAN parity with PyTorch on backend-%s', (_name, makeBackend) => {
  it.skipIf(!checkpoint)(
    'official V2 checkpoint on real speech: max |diff| <= 1e-4, SNR >= 80 dB',
    async () => {
      const config = JSON.parse(
        readFileSync(join(dirname(checkpoint!), 'config.json'), 'utf8'),
      ) as Record<string, unknown>;
      const vocoder = await load(makeBackend(), new Uint8Array(readFileSync(checkpoint!)), config);
      expect(vocoder.metadata.arch).toBe('hifigan-v2');
      const audio = await vocoder.vocode(goldenMel());
      const { maxAbs, snrDb } = compare(audio.samples, fixtureArray('v2.npy'));
      console.info(
        `[parity] ${vocoder.metadata.arch} on ${_name}: max |diff| ${maxAbs.toExponential(2)}, SNR ${snrDb.toFixed(1)} dB`,
      );
      expect(maxAbs).toBeLessThanOrEqual(1e-4);
      expect(snrDb).toBeGreaterThanOrEqual(80);
    },
  );

  it.each([
    ['v1', HIFIGAN_ARCHS.v1, 'v1-hash.npy', 48],
    ['v3', HIFIGAN_ARCHS.v3, 'v3-hash.npy', undefined],
  ] as const)(
    '%s architecture with hash weights matches PyTorch',
    async (arch, config, golden, frames) => {
      const vocoder = await load(makeBackend(), hashCheckpoint(config));
      expect(vocoder.metadata.arch).toBe(`hifigan-${arch}`);
      const audio = await vocoder.vocode(goldenMel(frames));
      const { maxAbs, snrDb } = compare(audio.samples, fixtureArray(golden));
      console.info(
        `[parity] ${vocoder.metadata.arch} on ${_name}: max |diff| ${maxAbs.toExponential(2)}, SNR ${snrDb.toFixed(1)} dB`,
      );
      expect(maxAbs).toBeLessThanOrEqual(1e-4);
      expect(snrDb).toBeGreaterThanOrEqual(80);
    },
  );

  it('a custom configuration from its config.json matches PyTorch', async () => {
    const json = fixtureJson('custom-config.json');
    const config: HifiganConfig = {
      resblock: json.resblock as '1' | '2',
      upsampleRates: json.upsample_rates as number[],
      upsampleKernelSizes: json.upsample_kernel_sizes as number[],
      upsampleInitialChannel: json.upsample_initial_channel as number,
      resblockKernelSizes: json.resblock_kernel_sizes as number[],
      resblockDilationSizes: json.resblock_dilation_sizes as number[][],
      nMels: 80,
    };
    const vocoder = await load(makeBackend(), hashCheckpoint(config), json);
    expect(vocoder.metadata.arch).toBe('hifigan-custom');
    const audio = await vocoder.vocode(goldenMel());
    const { maxAbs, snrDb } = compare(audio.samples, fixtureArray('custom-hash.npy'));
    console.info(
      `[parity] ${vocoder.metadata.arch} on ${_name}: max |diff| ${maxAbs.toExponential(2)}, SNR ${snrDb.toFixed(1)} dB`,
    );
    expect(maxAbs).toBeLessThanOrEqual(1e-4);
    expect(snrDb).toBeGreaterThanOrEqual(80);
  });
});
