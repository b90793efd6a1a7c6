/**
 * The campaign of each target under the current settings: its seeds, its from-scratch generator,
 * its budget and its fast-check seed.
 */
import type { HardeningSettings } from '../settings.js';
import { configSeeds } from './config-seeds.js';
import type { CampaignOptions } from './fuzz-campaign.js';
import { fileSeeds } from './file-seeds.js';
import { fileGenerator } from './generators.js';

/** Targets whose inputs each cost a native session or a model conversion: a smaller share of the budget in CI. */
const SLOW_TARGETS = new Set([
  'onnx-session-node',
  'onnx-session-web',
  'model-hifigan',
  'model-diffwave',
  'model-waveglow',
]);

/** fast-check seed of a campaign: `FUZZ_SEED`, else fixed in CI (reproducible), else the clock. */
export function campaignSeed(settings: HardeningSettings): number {
  const raw = process.env.FUZZ_SEED;
  if (raw !== undefined && raw !== '') return Number(raw) | 0;
  return settings.mode === 'ci' ? 20_251_125 : Date.now() | 0;
}

/** Options of `target`'s campaign. */
export function campaignOptions(
  target: { name: string; input: 'bytes' | 'json' },
  settings: HardeningSettings,
): CampaignOptions {
  const long = settings.mode === 'long';
  const slow = SLOW_TARGETS.has(target.name) && !long;
  return {
    target: target.name,
    input: target.input,
    seeds: target.input === 'bytes' ? fileSeeds(target.name, long) : configSeeds(target.name),
    generate: target.input === 'bytes' ? fileGenerator(target.name) : undefined,
    runs: slow ? Math.min(settings.fuzzRuns, 40) : settings.fuzzRuns,
    seconds: settings.fuzzSeconds,
    timeoutMs: settings.fuzzTimeoutMs,
    seed: campaignSeed(settings),
  };
}
