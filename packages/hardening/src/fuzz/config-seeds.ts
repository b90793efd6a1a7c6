/**
 * Seed values of the configuration targets: valid configs as users write them (every field set),
 * the catalog's own manifests, the official HiFi-GAN config.json when ../shared is present, and the
 * effect chain of the effects README plus one slot per effect with every documented parameter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_DIR } from '@voirs/core/testing';
import { OFFICIAL_FAST_BETAS, OFFICIAL_TRAINING_BETAS } from '@voirs/diffwave';
import { TINY_HIFIGAN_CONFIG } from '@voirs/hifigan/testing';
import type { Seed } from './fuzz-campaign.js';

const seeds = (name: string, values: readonly unknown[]): Seed[] =>
  values.map((value, i) => ({ name: `${name} ${i}`, value }));

function sharedJson(relative: string): unknown[] {
  try {
    return [JSON.parse(readFileSync(join(SHARED_DIR, relative), 'utf8'))];
  } catch {
    return [];
  }
}

const STREAMING = { chunkFrames: 32, lookaheadFrames: 4, latencyTargetMs: 120, crossfadeFrames: 2 };

const EFFECT_SLOTS: readonly unknown[] = [
  {
    effect: 'compressor',
    params: { thresholdDb: -18, ratio: 4, kneeDb: 6, attackMs: 5, releaseMs: 80, makeupDb: 0 },
  },
  { effect: 'limiter', params: { ceilingDb: -1, lookaheadMs: 5, releaseMs: 60, truePeak: true } },
  {
    effect: 'noise-gate',
    params: {
      thresholdDb: -45,
      hysteresisDb: 6,
      attackMs: 1,
      holdMs: 50,
      releaseMs: 100,
      rangeDb: -80,
    },
  },
  {
    effect: 'agc',
    params: {
      targetLufs: -23,
      maxGainDb: 12,
      maxCutDb: 24,
      gateLufs: -50,
      windowMs: 3000,
      responseMs: 1000,
    },
  },
  { effect: 'biquad', params: { type: 'peaking', frequency: 1000, q: 0.7071, gainDb: 3 } },
  {
    effect: 'eq',
    params: {
      bands: [
        { type: 'lowshelf', frequency: 120, gainDb: -3 },
        { type: 'peaking', frequency: 3000, q: 1, gainDb: 2 },
      ],
      outputGainDb: 0,
    },
  },
  { effect: 'enhancer', params: { frequency: 3500, driveDb: 12, amount: 0.15 } },
  { effect: 'warmth', params: { amountDb: 3, frequency: 250, trebleFrequency: 6000 } },
  { effect: 'presence', params: { gainDb: 3, frequency: 4000, q: 0.9 } },
  {
    effect: 'de-esser',
    params: {
      frequency: 5500,
      thresholdDb: -30,
      ratio: 4,
      maxReductionDb: 12,
      attackMs: 1,
      releaseMs: 60,
    },
  },
  {
    effect: 'reverb',
    params: { rt60: 1.2, hfRatio: 0.5, size: 1, preDelayMs: 10, wet: 0.3, dry: 1 },
  },
  {
    effect: 'convolution',
    params: {
      ir: [1, 0.5, 0.25, 0.125],
      irSampleRate: 22050,
      normalize: 'peak',
      partitionSize: 32,
      wet: 1,
      dry: 0,
    },
  },
  { effect: 'stereo-width', params: { width: 1.5 } },
  {
    effect: 'clip-guard',
    params: { mode: 'soft', ceilingDb: -0.1, kneeDb: 3, detectDb: -0.1, minRun: 3 },
  },
  { effect: 'dc-blocker', params: { cutoffHz: 10, order: 2 } },
  { effect: 'phase-check', params: {} },
];

function manifests(): unknown[] {
  const dir = join(REPO_ROOT, 'models');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown);
}

const SHA = 'a'.repeat(64);

/** Values of a natural-log mel (speech-like spread). */
const LOG_MEL = [-5, -3, -1.5, -7, 0.5, -9, -2.2];

/** Seeds of each configuration target. */
export function configSeeds(target: string): Seed[] {
  switch (target) {
    case 'config-synthesis':
      return seeds(target, [
        {
          quality: 'ultra',
          performance: 'latency',
          seed: 7,
          streaming: STREAMING,
          options: { iterations: 4, sigma: 0.6 },
        },
        {},
      ]);
    case 'config-streaming':
      return seeds(target, [STREAMING]);
    case 'config-model':
      return seeds(target, [
        {
          arch: 'v2',
          backend: ['node', 'web'],
          threads: 2,
          interOpThreads: 1,
          precision: 'fp32',
          executionProviders: ['cpu'],
        },
      ]);
    case 'config-output':
      return seeds(target, [{ sampleRate: 44100, format: 's24', dither: true }]);
    case 'hifigan-config':
      return seeds(target, [
        { ...TINY_HIFIGAN_CONFIG },
        ...sharedJson('models/hifigan-v2-ljspeech/config.json'),
      ]);
    case 'diffwave-params':
      return seeds(target, [
        {
          residual_layers: 30,
          residual_channels: 64,
          dilation_cycle_length: 10,
          unconditional: false,
          n_mels: 80,
          hop_samples: 256,
          sample_rate: 22050,
          n_fft: 1024,
          noise_schedule: [...OFFICIAL_TRAINING_BETAS],
          inference_noise_schedule: [...OFFICIAL_FAST_BETAS],
        },
      ]);
    case 'diffwave-schedule':
      return seeds(target, [
        'fast',
        'full',
        [1e-4, 1e-3, 1e-2, 0.05, 0.2, 0.5],
        { betas: [1e-4, 0.02, 0.3] },
        { kind: 'linear', steps: 6, betaStart: 1e-4, betaEnd: 0.05 },
        { kind: 'quadratic', steps: 8 },
        { kind: 'sigmoid', steps: 8, betaStart: 1e-4, betaEnd: 0.05 },
        { kind: 'cosine', steps: 8, s: 0.008, maxBeta: 0.999 },
      ]);
    case 'diffwave-options':
      return seeds(target, [
        { sampler: 'ddpm', schedule: 'fast' },
        { sampler: 'ddim', steps: 6, eta: 0.5 },
        { sampler: 'adaptive', schedule: 'full', eta: 0, tolerance: 0.01, minSteps: 2 },
      ]);
    case 'waveglow-config':
      return seeds(target, [
        {
          waveglow_config: {
            n_mel_channels: 80,
            n_flows: 12,
            n_group: 8,
            n_early_every: 4,
            n_early_size: 2,
            WN_config: { n_layers: 8, n_channels: 256, kernel_size: 3 },
          },
          data_config: {
            sampling_rate: 22050,
            filter_length: 1024,
            hop_length: 256,
            win_length: 1024,
            n_mel_channels: 80,
            mel_fmin: 0,
            mel_fmax: 8000,
          },
        },
      ]);
    case 'waveglow-options':
      return seeds(target, [{ sigma: 0.6, denoise: 0.1 }, {}]);
    case 'griffinlim-options':
      return seeds(target, [
        { iterations: 32, nnlsIterations: 10, initPhase: 'zero', momentum: 0.99 },
      ]);
    case 'catalog-manifest':
      return seeds(target, manifests());
    case 'cache-record':
      return seeds(target, [
        {
          schema: 1,
          name: 'tiny',
          kind: 'vocoder',
          vocoder: 'hifigan',
          arch: 'custom',
          convention: { name: 'hifigan', sampleRate: 22050, nFft: 1024, hop: 256, nMels: 80 },
          parameters: 12345,
          sampleRate: 22050,
          licence: 'MIT',
          file: 'model.onnx',
          sha256: SHA,
          size: 4096,
          createdAt: '2025-01-01T00:00:00.000Z',
          origin: {
            via: 'pull',
            file: 'generator',
            url: 'https://example.org/g',
            catalog: 'x',
            sha256: SHA,
            verified: true,
          },
        },
      ]);
    case 'effect-chain':
      return seeds(target, [
        [
          { effect: 'dc-blocker' },
          { effect: 'compressor', params: { thresholdDb: -24, ratio: 3 } },
          {
            effect: 'reverb',
            params: { rt60: 0.8 },
            mix: 0.25,
            automation: [{ time: 0.01, params: { wet: 0.6 }, rampSeconds: 0.02 }],
          },
          { effect: 'limiter', params: { ceilingDb: -1 }, bypass: false },
        ],
        EFFECT_SLOTS,
        ...EFFECT_SLOTS.map((slot) => [slot]),
      ]);
    case 'vocode-griffinlim':
      return seeds(target, [
        {
          frames: 8,
          values: LOG_MEL,
          config: {
            seed: 1,
            quality: 'low',
            options: { iterations: 4, momentum: 0.9, initPhase: 'zero' },
          },
        },
        { frames: 1, values: [-11.5], config: { quality: 'low' } },
      ]);
    case 'vocode-hifigan':
    case 'vocode-waveglow':
      return seeds(target, [
        { frames: 8, values: LOG_MEL },
        { frames: 1, values: [-11.5] },
      ]);
    case 'vocode-diffwave':
      return seeds(target, [
        { frames: 8, values: [0.2, 0.5, 0.9, 0.1, 0.7] },
        { frames: 1, values: [0] },
      ]);
    case 'audio-pipeline':
      return seeds(target, [
        {
          rate: 22050,
          length: 2048,
          channels: 1,
          values: [0.5, -0.2],
          targetRate: 16000,
          format: 's16',
        },
        {
          rate: 44100,
          length: 4096,
          channels: 2,
          values: [0.9, 0.1, -1],
          targetRate: 22050,
          format: 'f32',
        },
        { rate: 8000, length: 1000, channels: 1, values: [1], targetRate: 48000, format: 'u8' },
      ]);
    case 'metrics':
      return seeds(target, [
        { rate: 16000, length: 8000, values: [0.5, 0.3] },
        { rate: 22050, length: 11025, values: [0.9, -0.4, 0.2] },
      ]);
    default:
      throw new Error(`no config seeds for ${target}`);
  }
}
