/**
 * Checkpoint loading speed: the official HiFi-GAN V2 file from ../shared (legacy format, 3.7 MB)
 * and an in-memory V1-sized legacy file (55 MB), each loaded, turned into a state dict and
 * weight-norm folded.
 *
 *   pnpm --filter @voirs/checkpoint bench
 */
import { readFileSync } from 'node:fs';
import { sharedFile } from '@voirs/core/testing';
import { Bench } from 'tinybench';
import { foldWeightNormStateDict, loadTorchCheckpoint, stateDict } from '../src/index.js';
import { hifiganV1Specs, syntheticLegacyCheckpoint } from './synthetic-legacy.js';

const bench = new Bench({ time: 2000 });
const v2 = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
if (v2 !== undefined) {
  const bytes = new Uint8Array(readFileSync(v2));
  bench
    .add('HiFi-GAN V2 (3.7 MB legacy): loadTorchCheckpoint', () => {
      loadTorchCheckpoint(bytes);
    })
    .add('HiFi-GAN V2: load + stateDict + fold weight norm', () => {
      foldWeightNormStateDict(stateDict(loadTorchCheckpoint(bytes).object));
    });
}
const v1 = syntheticLegacyCheckpoint(hifiganV1Specs());
console.log(`synthetic V1-sized checkpoint: ${(v1.length / 1e6).toFixed(1)} MB`);
bench
  .add('V1-sized (55 MB legacy): loadTorchCheckpoint', () => {
    loadTorchCheckpoint(v1);
  })
  .add('V1-sized: load + stateDict + fold weight norm', () => {
    foldWeightNormStateDict(stateDict(loadTorchCheckpoint(v1).object));
  });
await bench.run();
console.table(bench.table());
