/**
 * STFT speed: real FFTs of the preset size, and stft / istft of 10 s of audio at the HiFi-GAN
 * framing (nFft 1024, hop 256).
 *
 *   pnpm --filter @voirs/dsp bench
 */
import { Bench } from 'tinybench';
import { realFft } from '../src/spectral/fft.js';
import { istft, stft } from '../src/spectral/stft.js';

const noise = (n: number): Float32Array =>
  Float32Array.from(
    { length: n },
    (_, i) => Math.sin(i * 0.37) * 0.3 + ((i * 7919) % 101) / 1010 - 0.05,
  );

const fft = realFft(1024);
const frame = Float64Array.from(noise(1024));
const re = new Float64Array(fft.bins);
const im = new Float64Array(fft.bins);
const out = new Float64Array(1024);
const x = noise(22050 * 10);
const options = { nFft: 1024, hop: 256 } as const;
const spec = stft(x, options);

const bench = new Bench({ time: 1000 });
bench
  .add('realFft(1024).forward', () => fft.forward(frame, re, im))
  .add('realFft(1024).inverse', () => fft.inverse(re, im, out))
  .add('stft, 10 s at 22050 Hz (nFft 1024, hop 256)', () => {
    stft(x, options);
  })
  .add('istft, 10 s at 22050 Hz (nFft 1024, hop 256)', () => {
    istft(spec, { ...options, length: x.length });
  });
await bench.run();
console.table(bench.table());
