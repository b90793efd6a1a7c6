/**
 * PyTorch peers: drives tools/reference/bench_torch.py on the same inputs, with the same timing
 * loop settings, and summarises its raw timings with the app's statistics.
 */
import { join } from 'node:path';
import { InputError } from '@voirs/core';
import { runJsonChild, samplesField } from '../child.js';
import { framesFor } from '../inputs.js';
import type { BenchOptions } from '../options.js';
import { PYTHON, REFERENCE_DIR, REPO_ROOT } from '../paths.js';
import type { MelCell, Resources, TorchGeneratorCell } from './cell.js';
import type { Metric } from '../results.js';
import { scaleStats, summarize } from '@voirs/cli/bench-stats';

const SCRIPT = join(REFERENCE_DIR, 'bench_torch.py');

function timing(options: BenchOptions): string[] {
  return [
    '--iterations',
    String(options.iterations),
    '--time',
    String(options.timeMs),
    '--warmup',
    String(options.warmup),
  ];
}

/** Times the reference generator; the metric is its RTF. */
export async function runTorchGenerator(
  cell: TorchGeneratorCell,
  r: Resources,
  options: BenchOptions,
  signal?: AbortSignal,
): Promise<Metric[]> {
  const args = [
    SCRIPT,
    'generator',
    '--arch',
    cell.arch,
    '--mel',
    r.mel!,
    '--threads',
    String(cell.threads),
    '--frames',
    String(framesFor(cell.seconds)),
    ...timing(options),
  ];
  const json = await runJsonChild(PYTHON, args, { cwd: REPO_ROOT, signal });
  const seconds = Number(json.output_samples) / Number(json.sample_rate);
  if (!(seconds > 0))
    throw new InputError('E_INVALID_ARGUMENT', 'bench_torch.py reported no output audio.');
  const stats = scaleStats(summarize(samplesField(json, 'bench_torch.py')), 1 / (1000 * seconds));
  const details = {
    torch: json.torch,
    threads: json.threads,
    frames: json.frames,
    audio_seconds: seconds,
  };
  return [
    {
      id: cell.id,
      suite: cell.suite,
      label: cell.label,
      unit: 'rtf',
      impl: 'torch',
      stats,
      details,
    },
  ];
}

/** Times torch's hifigan mel frontend on the 60 s clip (one thread, like the JavaScript one). */
export async function runTorchMel(
  cell: MelCell,
  r: Resources,
  options: BenchOptions,
  signal?: AbortSignal,
): Promise<Metric[]> {
  const args = [SCRIPT, 'mel', '--audio', r.audio60!, '--threads', '1', ...timing(options)];
  const json = await runJsonChild(PYTHON, args, { cwd: REPO_ROOT, signal });
  const details = { torch: json.torch, threads: json.threads, audio_samples: json.audio_samples };
  return [
    {
      id: cell.id,
      suite: cell.suite,
      label: cell.label,
      unit: 'ms',
      impl: 'torch',
      stats: summarize(samplesField(json, 'bench_torch.py')),
      details,
    },
  ];
}
