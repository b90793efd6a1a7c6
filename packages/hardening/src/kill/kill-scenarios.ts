/**
 * The commands the no-data-loss test interrupts, each with the folder its temporary output appears
 * in and the file(s) that must be complete or absent afterwards.
 */
import { join } from 'node:path';
import type { KillInputs } from './kill-inputs.js';

/** One interruptible command. */
export interface KillScenario {
  readonly name: string;
  /** The command line writing into `out` (a fresh folder per run). */
  argv(inputs: KillInputs, out: string): string[];
  /** Where the temporary output appears (relative to `out`). */
  readonly watch: string;
  /** The published result (relative to `out`): complete (equal to an uninterrupted run) or absent. */
  readonly result: string;
  /**
   * Longest random delay between the temporary output's appearance and the signal, ms; `stream`:
   * 70 % of an uninterrupted run's duration (the file is written throughout).
   */
  readonly maxDelayMs: number | 'stream';
}

const tiny = (inputs: KillInputs) => [
  '--vocoder',
  'hifigan',
  '--model',
  inputs.checkpoint,
  '--threads',
  '1',
];

export const KILL_SCENARIOS: readonly KillScenario[] = [
  {
    name: 'vocode --stream -o file.wav',
    argv: (i, out) => [
      'vocode',
      i.wav,
      '-o',
      join(out, 'out.wav'),
      ...tiny(i),
      '--stream',
      '--chunk-frames',
      '4',
      '--quiet',
    ],
    watch: '.',
    result: 'out.wav',
    maxDelayMs: 'stream',
  },
  {
    name: 'vocode -o file.wav (f32)',
    argv: (i, out) => [
      'vocode',
      i.wav,
      '-o',
      join(out, 'out.wav'),
      ...tiny(i),
      '--format',
      'f32',
      '--quiet',
    ],
    watch: '.',
    result: 'out.wav',
    maxDelayMs: 30,
  },
  {
    name: 'vocode -o file.npy',
    argv: (i, out) => ['vocode', i.wav, '-o', join(out, 'out.npy'), ...tiny(i), '--quiet'],
    watch: '.',
    result: 'out.npy',
    maxDelayMs: 30,
  },
  {
    name: 'fx -o file.wav',
    argv: (i, out) => [
      'fx',
      i.wav,
      '-o',
      join(out, 'out.wav'),
      '--effects',
      i.chain,
      '--format',
      'f32',
      '--quiet',
    ],
    watch: '.',
    result: 'out.wav',
    maxDelayMs: 30,
  },
  {
    name: 'mel -o file.npy',
    argv: (i, out) => ['mel', i.wav, '-o', join(out, 'mel.npy'), '--quiet'],
    watch: '.',
    result: 'mel.npy',
    maxDelayMs: 20,
  },
  {
    name: 'models import',
    argv: (i, out) => [
      'models',
      'import',
      i.checkpoint,
      '--cache-dir',
      join(out, 'cache'),
      '--name',
      'tiny',
      '--quiet',
    ],
    watch: 'cache/models',
    result: 'cache/models/tiny/model.onnx',
    maxDelayMs: 10,
  },
];
