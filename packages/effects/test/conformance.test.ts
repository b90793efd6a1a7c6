import { testEffect } from '@voirs/core/testing';
import {
  agcEffect,
  biquadEffect,
  clipGuardEffect,
  compressorEffect,
  convolutionEffect,
  dcBlockerEffect,
  deEsserEffect,
  enhancerEffect,
  eqEffect,
  limiterEffect,
  noiseGateEffect,
  phaseCheckEffect,
  presenceEffect,
  reverbEffect,
  stereoWidthEffect,
  warmthEffect,
} from '../src/index.js';
import { stateOf } from './helpers.js';

const ir = Array.from(
  { length: 700 },
  (_, i) => Math.exp(-i / 150) * Math.cos(i * 0.3) * (i % 7 === 0 ? 1 : 0.4),
);

testEffect(compressorEffect, {
  state: stateOf,
  decayParams: { attackMs: 0.01, releaseMs: 1 },
  alternate: { thresholdDb: -30, ratio: 8, makeupDb: 6 },
  invalid: [
    { params: { ratio: 0.5 }, field: 'ratio' },
    { params: { attackMs: -1 }, field: 'attackMs' },
    { params: { thresholdDb: 'loud' }, field: 'thresholdDb' },
  ],
});
testEffect(limiterEffect, {
  state: stateOf,
  decayParams: { releaseMs: 1 },
  alternate: { ceilingDb: -6, releaseMs: 20 },
  invalid: [
    { params: { ceilingDb: 3 }, field: 'ceilingDb' },
    { params: { truePeak: 'yes' }, field: 'truePeak' },
  ],
});
testEffect(noiseGateEffect, {
  state: stateOf,
  decayParams: { attackMs: 0.01, releaseMs: 1 },
  alternate: { thresholdDb: -20, rangeDb: -40 },
  invalid: [{ params: { hysteresisDb: -3 }, field: 'hysteresisDb' }],
});
testEffect(agcEffect, {
  state: stateOf,
  decayParams: { responseMs: 10 },
  alternate: { targetLufs: -16 },
  invalid: [{ params: { targetLufs: 0 }, field: 'targetLufs' }],
});
testEffect(biquadEffect, {
  state: stateOf,
  params: { type: 'peaking', frequency: 2000, q: 2, gainDb: 6 },
  alternate: { frequency: 500, gainDb: -9 },
  invalid: [
    { params: { type: 'comb' }, field: 'type' },
    { params: { frequency: 12_000 }, field: 'frequency' },
  ],
  sampleRates: [16000, 22050, 48000],
});
testEffect(eqEffect, {
  state: stateOf,
  params: {
    bands: [
      { type: 'lowshelf', frequency: 150, gainDb: 3 },
      { type: 'peaking', frequency: 3000, gainDb: -4, q: 1.4 },
      { type: 'highpass', frequency: 60 },
    ],
  },
  alternate: {
    bands: [
      { type: 'lowshelf', frequency: 300, gainDb: -3 },
      { type: 'peaking', frequency: 1000, gainDb: 5, q: 1 },
      { type: 'highpass', frequency: 90 },
    ],
    outputGainDb: -2,
  },
  invalid: [
    { params: { bands: [{ type: 'peaking', frequency: 20_000 }] }, field: 'bands.0.frequency' },
    { params: { bands: [{ type: 'peaking' }] }, field: 'bands.0.frequency' },
  ],
});
testEffect(enhancerEffect, {
  state: stateOf,
  alternate: { amount: 0.5, driveDb: 20, frequency: 2500 },
  invalid: [{ params: { amount: 2 }, field: 'amount' }],
});
testEffect(warmthEffect, {
  state: stateOf,
  alternate: { amountDb: -4 },
  invalid: [{ params: { frequency: 5 }, field: 'frequency' }],
});
testEffect(presenceEffect, {
  state: stateOf,
  alternate: { gainDb: -5, frequency: 2500 },
  invalid: [{ params: { q: 0 }, field: 'q' }],
});
testEffect(deEsserEffect, {
  state: stateOf,
  decayParams: { attackMs: 0.01, releaseMs: 1 },
  alternate: { thresholdDb: -45, frequency: 4500 },
  invalid: [{ params: { ratio: 0 }, field: 'ratio' }],
});
testEffect(reverbEffect, {
  state: stateOf,
  decayParams: { rt60: 0.1, hfRatio: 0.1 },
  params: { rt60: 0.8, wet: 0.5 },
  alternate: { rt60: 2, wet: 0.2, dry: 0.7 },
  invalid: [{ params: { rt60: 0 }, field: 'rt60' }],
});
testEffect(convolutionEffect, {
  state: stateOf,
  params: { ir, partitionSize: 64, wet: 0.8, dry: 0.5 },
  alternate: { wet: 0.3 },
  invalid: [
    { params: { ir: [0, 0, 0] }, field: 'ir' },
    { params: { ir: [1, Number.NaN] }, field: 'ir' },
    { params: { partitionSize: 100 }, field: 'partitionSize' },
  ],
});
testEffect(stereoWidthEffect, {
  state: stateOf,
  alternate: { width: 0.2 },
  invalid: [{ params: { width: 3 }, field: 'width' }],
});
testEffect(clipGuardEffect, {
  state: stateOf,
  alternate: { ceilingDb: -6, mode: 'hard' },
  invalid: [{ params: { mode: 'fuzz' }, field: 'mode' }],
});
testEffect(dcBlockerEffect, {
  state: stateOf,
  alternate: { cutoffHz: 40 },
  invalid: [{ params: { order: 2.5 }, field: 'order' }],
});
testEffect(phaseCheckEffect, {
  state: stateOf,
  alternate: { windowMs: 100 },
  invalid: [{ params: { warnBelow: 2 }, field: 'warnBelow' }],
});
