/**
 * Cost of the heavier metrics on 5 s of speech-like audio at 22.05 kHz (one core).
 *
 *   pnpm --filter @voirs/metrics bench
 */
import { createAudioBuffer } from '@voirs/core';
import { Bench } from 'tinybench';
import {
  estoi,
  logMelL1,
  loudness,
  melCepstralDistortion,
  multiResolutionStft,
  pitchMetrics,
  stoi,
} from '../src/index.js';
import { noisy, speechlike } from '../test/reference-signals.js';

const sr = 22050;
const clean = speechlike(5 * sr, 1, 4000);
const ref = createAudioBuffer(clean, sr);
const test = createAudioBuffer(noisy(clean, 2, 0.01), sr);

const bench = new Bench({ time: 1000 });
bench
  .add('stoi (5 s, 22.05 kHz)', () => void stoi(ref, test))
  .add('estoi (5 s)', () => void estoi(ref, test))
  .add('log-mel L1 (5 s)', () => void logMelL1(ref, test))
  .add('multi-resolution STFT (5 s)', () => void multiResolutionStft(ref, test))
  .add('MCD (5 s)', () => void melCepstralDistortion(ref, test))
  .add('MCD with DTW (5 s)', () => void melCepstralDistortion(ref, test, { dtw: true }))
  .add('pitch metrics, YIN (5 s)', () => void pitchMetrics(ref, test))
  .add('loudness report incl. true peak (5 s)', () => void loudness(test));
await bench.run();
console.table(bench.table());
