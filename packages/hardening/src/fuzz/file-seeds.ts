/**
 * Seed files of the byte targets: files made by our writers in every encoding, the other packages'
 * committed fixtures (torch zip/legacy of every protocol, npz, safetensors, ONNX, WaveGlow and
 * DiffWave checkpoints) and, where present, real files from ../shared (LJSpeech, the official
 * HiFi-GAN V2 checkpoint, DNSMOS). Mutations of these are what the campaigns run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAudioBuffer } from '@voirs/core';
import { REPO_ROOT, SHARED_DIR } from '@voirs/core/testing';
import { writeNpy, writeWav } from '@voirs/dsp';
import { writeSafetensors } from '@voirs/checkpoint';
import { GraphBuilder } from '@voirs/onnx';
import { tinyHifiganCheckpoint, tinyHifiganOnnx } from '@voirs/hifigan/testing';
import type { Seed } from './fuzz-campaign.js';

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const repoFile = (...parts: string[]): Seed => ({
  name: parts.join('/'),
  value: read(join(REPO_ROOT, ...parts)),
});
const fixtures = (pkg: string, names: readonly string[]): Seed[] =>
  names.map((n) => repoFile('packages', pkg, 'test', 'fixtures', n));

/** A file from ../shared, or nothing when the folder is absent (a user's clone). */
function shared(relative: string, slice?: number): Seed[] {
  try {
    const bytes = read(join(SHARED_DIR, relative));
    return [
      { name: `shared/${relative}`, value: slice === undefined ? bytes : bytes.slice(0, slice) },
    ];
  } catch {
    return [];
  }
}

function wavSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const channels of [1, 2, 3]) {
    const samples = Float32Array.from({ length: 64 * channels }, (_, i) => Math.sin(i * 0.3) * 0.5);
    const audio = createAudioBuffer(samples, 16000, channels);
    for (const format of ['u8', 's16', 's24', 's32', 'f32', 'f64'] as const) {
      seeds.push({ name: `writeWav ${format} x${channels}`, value: writeWav(audio, { format }) });
    }
  }
  const speech = read(join(REPO_ROOT, 'examples', 'speech.wav'));
  seeds.push({
    name: 'examples/speech.wav (first 4 KB, header claims the whole file)',
    value: speech.slice(0, 4096),
  });
  return [...seeds, ...shared('data/ljspeech/LJ001-0001.wav', 6000)];
}

function npySeeds(): Seed[] {
  return [
    {
      name: 'f4 [80, 6] mel',
      value: writeNpy(
        Float32Array.from({ length: 480 }, (_, i) => -5 + (i % 11)),
        [80, 6],
      ),
    },
    { name: 'f4 [1, 80, 2]', value: writeNpy(new Float32Array(160), [1, 80, 2]) },
    {
      name: 'f8 [3, 4]',
      value: writeNpy(
        Float64Array.from({ length: 12 }, (_, i) => i / 3),
        [3, 4],
      ),
    },
    {
      name: 'i2 [40] audio',
      value: writeNpy(
        Int16Array.from({ length: 40 }, (_, i) => i * 700 - 14000),
        [40],
      ),
    },
    { name: 'i1 [2, 2]', value: writeNpy(Int8Array.of(1, -2, 3, -4), [2, 2]) },
    { name: 'u1 [5]', value: writeNpy(Uint8Array.of(0, 1, 2, 250, 255), [5]) },
    { name: 'i4 [2]', value: writeNpy(Int32Array.of(-1, 2 ** 30), [2]) },
    { name: 'i8 [2]', value: writeNpy(BigInt64Array.of(-1n, 2n ** 40n), [2]) },
    { name: 'f4 scalar', value: writeNpy(Float32Array.of(1.5), []) },
    ...fixtures('diffwave', ['mel.npy']),
  ];
}

function safetensorsSeeds(): Seed[] {
  const tensors = writeSafetensors(
    {
      a: { dtype: 'float32', shape: [2, 3], data: Float32Array.of(1, 2, 3, 4, 5, 6) },
      b: { dtype: 'float16', shape: [2], data: Uint16Array.of(0x3c00, 0xc000) },
      c: { dtype: 'int64', shape: [1], data: BigInt64Array.of(7n) },
      d: { dtype: 'uint8', shape: [3], data: Uint8Array.of(1, 2, 3) },
    },
    { format: 'pt' },
  );
  return [
    { name: 'writeSafetensors 4 dtypes', value: tensors },
    ...fixtures('checkpoint', ['tensors.safetensors']),
  ];
}

function onnxSeeds(): Seed[] {
  const g = new GraphBuilder({ name: 'seed', opset: 17 });
  const x = g.input('x', 'float32', ['batch', 4]);
  const w = g.initializer('w', Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8), [4, 2]);
  g.output(g.tanh(g.matMul(x, w)), 'y', ['batch', 2]);
  g.setMetadata({ producer: 'hardening' });
  return [
    { name: 'GraphBuilder matmul+tanh', value: g.toBytes() },
    ...fixtures('onnx', ['torch_tiny.onnx', 'torch_tiny_external.onnx']),
    { name: 'tiny HiFi-GAN converted', value: tinyHifiganOnnx() },
  ];
}

/**
 * Seeds of each byte target. `large` adds the big real files (the official V2 checkpoint, DNSMOS),
 * which make each input slower: `pnpm fuzz` uses them, CI does not.
 */
export function fileSeeds(target: string, large: boolean): Seed[] {
  switch (target) {
    case 'wav':
      return wavSeeds();
    case 'npy':
      return npySeeds();
    case 'npz':
      return fixtures('checkpoint', ['arrays.npz', 'arrays-compressed.npz']);
    case 'safetensors':
      return safetensorsSeeds();
    case 'torch-zip':
      return fixtures('checkpoint', [
        'synthetic-zip-p2.pt',
        'synthetic-zip-p4.pt',
        'synthetic-deflated.pt',
        'synthetic-zip64.pt',
        'from-type-zip.pt',
        'glow-zip.pt',
        'diffwave-like.pt',
      ]);
    case 'torch-legacy':
      return [
        ...fixtures('checkpoint', [
          'synthetic-legacy-p2.pt',
          'synthetic-legacy-p4.pt',
          'views-legacy.pt',
          'glow-legacy.pt',
        ]),
        ...(large ? shared('models/hifigan-v2-ljspeech/generator_v2') : []),
      ];
    case 'pickle': {
      const json = JSON.parse(
        readFileSync(join(REPO_ROOT, 'packages/checkpoint/test/fixtures/pickles.json'), 'utf8'),
      ) as {
        pickles: Record<string, string>;
      };
      return Object.entries(json.pickles).map(([protocol, b64]) => ({
        name: `pickle protocol ${protocol}`,
        value: new Uint8Array(Buffer.from(b64, 'base64')),
      }));
    }
    case 'onnx':
    case 'onnx-session-node':
    case 'onnx-session-web':
      return [...onnxSeeds(), ...(large ? shared('models/dnsmos/model_v8.onnx') : [])];
    case 'model-hifigan':
      return [
        { name: 'tiny HiFi-GAN safetensors', value: tinyHifiganCheckpoint() },
        { name: 'tiny HiFi-GAN converted', value: tinyHifiganOnnx() },
        ...(large ? shared('models/hifigan-v2-ljspeech/generator_v2') : []),
      ];
    case 'model-diffwave':
      return fixtures('diffwave', ['small.pt']);
    case 'model-waveglow':
      return fixtures('waveglow', ['tiny-glow.pt']);
    default:
      throw new Error(`no file seeds for ${target}`);
  }
}
