import { readFileSync } from 'node:fs';
import { readWav, realFft } from '@voirs/dsp';
import { createEffectChain, EFFECT_PLUGINS } from './src/index.ts';
import { TruePeakDetector } from './src/util/true-peak.ts';
function over(x: Float32Array, factor = 16): Float64Array {
  let n = 8;
  while (n < x.length * 2) n *= 2;
  const fft = realFft(n);
  const re = new Float64Array(fft.bins),
    im = new Float64Array(fft.bins);
  fft.forward(x, re, im);
  const m = n * factor;
  const big = realFft(m);
  const R = new Float64Array(big.bins),
    I = new Float64Array(big.bins);
  for (let k = 0; k < n / 2; k++) {
    R[k] = re[k]! * factor;
    I[k] = im[k]! * factor;
  }
  const out = new Float64Array(m);
  big.inverse(R, I, out);
  return out;
}
const a = readWav(readFileSync(`/work/shared/data/ljspeech/LJ001-0015.wav`)).audio;
const fs = a.sampleRate;
// input to limiter = agc output
const agc = createEffectChain(
  [{ effect: 'agc', params: { targetLufs: -14, responseMs: 300 } }],
  { sampleRate: fs, channels: 1 },
  { plugins: EFFECT_PLUGINS },
);
const x = a.samples.slice();
agc.process({ samples: x, sampleRate: fs, channels: 1 });
const lim = createEffectChain(
  [{ effect: 'limiter', params: { ceilingDb: -1 } }],
  { sampleRate: fs, channels: 1 },
  { plugins: EFFECT_PLUGINS },
);
const L = lim.latency;
const pad = new Float32Array(x.length + L);
pad.set(x);
const y = pad.slice();
lim.process({ samples: y, sampleRate: fs, channels: 1 });
const oy = over(y),
  ox = over(pad);
let best = 0,
  at = 0;
for (let i = 0; i < oy.length; i++)
  if (Math.abs(oy[i]!) > best) {
    best = Math.abs(oy[i]!);
    at = i;
  }
const fo = Math.floor(at / 16),
  fi = fo - L;
console.log('latency', L, 'worst out frame', fo, 'dB', 20 * Math.log10(best));
const d = new TruePeakDetector(1);
const tp = new Float64Array(pad.length);
for (let i = 0; i < pad.length; i++) {
  const v = d.push(pad, i);
  if (i >= d.delay) tp[i - d.delay] = v;
}
for (let j = fi - 3; j <= fi + 3; j++) {
  let fx = 0;
  for (let q = j * 16; q < (j + 1) * 16; q++) fx = Math.max(fx, Math.abs(ox[q]!));
  let fy = 0;
  for (let q = (j + L) * 16; q < (j + L + 1) * 16; q++) fy = Math.max(fy, Math.abs(oy[q]!));
  console.log(
    j,
    'x',
    pad[j]!.toFixed(4),
    'det',
    tp[j]!.toFixed(4),
    'fftIn',
    fx.toFixed(4),
    'gain',
    (y[j + L]! / pad[j]!).toFixed(4),
    'fftOut',
    fy.toFixed(4),
    'in*gain',
    ((fx * y[j + L]!) / pad[j]!).toFixed(4),
  );
}
// spectrum energy above 0.8 nyquist
let hi = 0,
  tot = 0;
const n = 1 << 17;
const f = realFft(n);
const re = new Float64Array(f.bins),
  im = new Float64Array(f.bins);
f.forward(pad.subarray(0, n), re, im);
for (let k = 0; k < f.bins; k++) {
  const p = re[k]! ** 2 + im[k]! ** 2;
  tot += p;
  if (k > 0.8 * f.bins) hi += p;
}
console.log('energy above 0.8 Nyquist', (10 * Math.log10(hi / tot)).toFixed(1), 'dB');
{
  const j = 168774;
  const pts: string[] = [];
  for (let q = j * 16; q <= (j + 1) * 16; q += 2) pts.push(ox[q]!.toFixed(4));
  console.log('fft 8x points', pts.join(' '));
  // ideal sinc with long window
  const ideal = (t: number) => {
    let s = 0;
    for (let k = Math.floor(t) - 2000; k <= Math.floor(t) + 2000; k++) {
      if (k < 0 || k >= pad.length) continue;
      const v = t - k;
      s += pad[k]! * (v === 0 ? 1 : Math.sin(Math.PI * v) / (Math.PI * v));
    }
    return s;
  };
  const ip: string[] = [];
  for (let f = 0; f <= 8; f++) ip.push(ideal(j + f / 8).toFixed(4));
  console.log('long sinc points', ip.join(' '));
}
