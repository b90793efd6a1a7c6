/**
 * Fuzz targets for configuration values: core's `parse*Config`, the model packages' config.json
 * and option parsers, catalog manifests and cache records, DiffWave schedules, effect chains.
 */
import {
  createAudioBuffer,
  parseModelConfig,
  parseOutputConfig,
  parseStreamingConfig,
  parseSynthesisConfig,
} from '@voirs/core';
import { parseGriffinLimOptions } from '@voirs/dsp';
import { parseConfigJson } from '@voirs/hifigan';
import {
  OFFICIAL_FAST_BETAS,
  OFFICIAL_TRAINING_BETAS,
  parseParams,
  parseScheduleSpec,
  planSampling,
  resolveSchedule,
} from '@voirs/diffwave';
import { parseWaveglowJson, parseWaveglowOptions } from '@voirs/waveglow';
import { parseCachedModel, parseCatalogManifest } from '@voirs/catalog';
import { createEffectChain, registerEffects } from '@voirs/effects';
import { MIB, type FuzzTarget } from './target.js';

const SCHEDULES = { training: OFFICIAL_TRAINING_BETAS, fast: OFFICIAL_FAST_BETAS };

/** Values are small; parsers may build tables of a bounded size (schedules up to their step cap). */
const configLimit = (size: number) => 64 * size + 16 * MIB;

function config(name: string, parse: (value: unknown) => unknown): FuzzTarget {
  return { name, input: 'json', run: parse, allocationLimit: configLimit };
}

/** Runs a chain over two blocks of a test signal; the output must stay finite. */
function runChain(value: unknown): void {
  registerEffects();
  const chain = createEffectChain(value, { sampleRate: 22050, channels: 1 });
  for (let block = 0; block < 2; block++) {
    const input = Float32Array.from(
      { length: 1024 },
      (_, i) => 0.5 * Math.sin((i + block * 1024) * 0.07),
    );
    const out = chain.process(createAudioBuffer(input, 22050, 1));
    const bad = out.samples.findIndex((s) => !Number.isFinite(s));
    if (bad >= 0) {
      // not a VocoderError on purpose: a chain that accepts its params must not output NaN
      throw new Error(`the chain produced ${out.samples[bad]} at sample ${bad} of block ${block}`);
    }
  }
}

export const CONFIG_TARGETS: readonly FuzzTarget[] = [
  config('config-synthesis', parseSynthesisConfig),
  config('config-streaming', parseStreamingConfig),
  config('config-model', parseModelConfig),
  config('config-output', parseOutputConfig),
  config('hifigan-config', (value) => parseConfigJson(value)),
  config('diffwave-params', (value) => parseParams(value, 'fuzz')),
  config('diffwave-schedule', (value) => resolveSchedule(parseScheduleSpec(value), SCHEDULES)),
  config('diffwave-options', (value) => planSampling(value, SCHEDULES)),
  config('waveglow-config', (value) => parseWaveglowJson(value)),
  config('waveglow-options', parseWaveglowOptions),
  config('griffinlim-options', (value) =>
    parseGriffinLimOptions(value as Record<string, unknown>, 'high'),
  ),
  config('catalog-manifest', (value) => parseCatalogManifest(value)),
  config('cache-record', (value) => parseCachedModel(value, 'fuzz')),
  {
    name: 'effect-chain',
    input: 'json',
    run: runChain,
    allocationLimit: (size) => 64 * size + 64 * MIB,
  },
];
