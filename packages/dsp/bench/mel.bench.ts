/**
 * Mel frontend speed on 60 s of audio for the three presets, plus the mel inversions; when
 * Debian's python3-torch is installed, the PyTorch reference frontends of
 * tools/reference/mel_reference.py are timed in the same run (one thread each).
 *
 *   pnpm --filter @voirs/dsp bench
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIFFWAVE_PRESET, HIFIGAN_PRESET, WAVEGLOW_PRESET } from '@voirs/core';
import { Bench } from 'tinybench';
import { computeMel } from '../src/spectral/compute-mel.js';
import { convertMel } from '../src/spectral/convert-mel.js';
import { melToLinear } from '../src/spectral/mel-to-linear.js';

const minute = Float32Array.from(
  { length: 22050 * 60 },
  (_, i) => 0.3 * Math.sin(i * 0.0123) + ((i * 7919) % 997) / 9970 - 0.05,
);
const tenSeconds = computeMel(minute.subarray(0, 22050 * 10), HIFIGAN_PRESET);

const bench = new Bench({ time: 2000 });
for (const preset of [HIFIGAN_PRESET, WAVEGLOW_PRESET, DIFFWAVE_PRESET]) {
  bench.add(`computeMel ${preset.name}, 60 s`, () => {
    computeMel(minute, preset);
  });
}
bench
  .add('melToLinear (NNLS, 30 updates), 10 s hifigan mel', () => {
    melToLinear(tenSeconds);
  })
  .add('convertMel hifigan -> diffwave, 10 s', () => {
    convertMel(tenSeconds, DIFFWAVE_PRESET);
  });
await bench.run();
console.table(bench.table());

const script = fileURLToPath(new URL('../../../tools/reference/mel_reference.py', import.meta.url));
if (existsSync('/usr/bin/python3')) {
  const torch = spawnSync('/usr/bin/python3', [script, '--bench'], { encoding: 'utf8' });
  if (torch.status === 0)
    console.log(`PyTorch reference frontends, same machine:\n${torch.stdout}`);
  else console.log(`(PyTorch reference not timed: ${torch.stderr.trim().split('\n').at(-1)})`);
}
