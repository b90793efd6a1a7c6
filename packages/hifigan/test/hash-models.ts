/** Generators with hash weights (hash-weights.ts) that several graph tests run. */
import { writeSafetensors } from '@voirs/checkpoint';
import {
  HIFIGAN_ARCHS,
  parseConfigJson,
  prepareHifiganModel,
  type HifiganModel,
} from '../src/index.js';
import { fixtureJson } from './fixtures.js';
import { hashStateDict } from './hash-weights.js';

/** The official V2 checkpoint's layout with hash weights, as a model source. */
export const hashV2Source = () => ({
  bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v2)),
  name: 'v2',
});

/** V2 with hash weights (last stage 8 channels). */
export const hashV2Model = (): HifiganModel => prepareHifiganModel(hashV2Source(), { arch: 'v2' });

/** V1 with hash weights (stages of 256, 128, 64 and 32 channels). */
export const hashV1Model = (): HifiganModel =>
  prepareHifiganModel(
    { bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v1)), name: 'v1' },
    { arch: 'v1' },
  );

/** The custom configuration of the fixtures (ResBlock2, 16/8/4/2 channels) with hash weights. */
export function hashCustomModel(): HifiganModel {
  const config = fixtureJson('custom-config.json');
  const parsed = parseConfigJson(config).config;
  return prepareHifiganModel({ bytes: writeSafetensors(hashStateDict(parsed)), config });
}
