/** Test inputs: short clips cut from the repository's example speech, and the test job module. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '@voirs/core/testing';
import { readWav, writeWav } from '@voirs/dsp';

/** The Griffin-Lim job module of the tests. */
export const TEST_JOB_MODULE = fileURLToPath(
  new URL('./fixtures/griffinlim-job.ts', import.meta.url),
);

/** A fresh temporary folder. */
export const tempDir = (label: string): string =>
  mkdtempSync(join(tmpdir(), `voirs-batch-${label}-`));

/** Writes `count` clips of `seconds` each (consecutive pieces of examples/speech.wav) into `dir`/in. */
export function writeClips(dir: string, count: number, seconds = 0.5): string {
  const { audio } = readWav(
    new Uint8Array(readFileSync(join(REPO_ROOT, 'examples', 'speech.wav'))),
  );
  const n = Math.round(seconds * audio.sampleRate);
  const folder = join(dir, 'in');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const samples = audio.samples.slice(i * n, (i + 1) * n);
    writeFileSync(
      join(folder, `clip-${i}.wav`),
      writeWav({ samples, sampleRate: audio.sampleRate, channels: 1 }),
    );
  }
  return folder;
}
