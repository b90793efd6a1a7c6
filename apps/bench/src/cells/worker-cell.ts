/**
 * Cells measured by this app's own workers (fresh Node processes running TypeScript): the dsp
 * micro-benchmark scripts under the capture worker, and the voirs mel frontend.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '@voirs/core';
import { runJsonChild, samplesField } from '../child.js';
import type { BenchOptions } from '../options.js';
import { REPO_ROOT, tsNodeArgs, workerScript } from '../paths.js';
import type { DspCell, MelCell, Resources } from './cell.js';
import type { ExtraTable, Metric, Note } from '../results.js';
import { summarize, type SampleStats as Stats } from '@voirs/cli/bench-stats';

/** The micro-benchmark scripts of @voirs/dsp, by path. */
export function dspBenchFiles(dir = join(REPO_ROOT, 'packages', 'dsp', 'bench')): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.bench.ts'))
      .sort()
      .map((name) => join(dir, name));
  } catch {
    return [];
  }
}

/** A metric-id-safe slug of a task name. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

interface CapturedTask {
  readonly name: string;
  readonly stats?: Stats;
  readonly error?: string;
}

/** Converts a capture worker's output into metrics, extra tables, printed lines and failed tasks. */
export function dspResults(
  cell: DspCell,
  json: Record<string, unknown>,
): { metrics: Metric[]; tables: ExtraTable[]; notes: Note[]; failed: string[] } {
  const tasks = json.tasks as CapturedTask[] | undefined;
  if (!Array.isArray(tasks))
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `${cell.file}: the capture worker reported no tasks.`,
    );
  const stem = cell.id.slice('dsp/'.length);
  const metrics = tasks
    .filter((t) => t.stats !== undefined)
    .map((t): Metric => ({
      id: `${cell.id}/${slug(t.name)}`,
      suite: 'dsp',
      label: `${stem}: ${t.name}`,
      unit: 'ms',
      impl: 'voirs',
      stats: t.stats!,
    }));
  const failed = tasks.filter((t) => t.error !== undefined).map((t) => `${t.name}: ${t.error}`);
  const tables = ((json.tables as unknown[] | undefined) ?? [])
    .filter(
      (rows): rows is Record<string, string | number>[] => Array.isArray(rows) && rows.length > 0,
    )
    .map((rows) => ({ title: `${stem}.bench.ts`, rows }));
  const lines = ((json.log as unknown[] | undefined) ?? [])
    .flatMap((entry) => String(entry).split('\n'))
    .filter((l) => l.trim() !== '');
  const notes = lines.length > 0 ? [{ source: `${stem}.bench.ts`, lines }] : [];
  return { metrics, tables, notes, failed };
}

/** Runs one dsp bench script under the capture worker. */
export async function runDspCell(cell: DspCell, signal?: AbortSignal) {
  const json = await runJsonChild(
    process.execPath,
    tsNodeArgs(workerScript('dsp-capture')).concat(cell.file),
    { cwd: REPO_ROOT, signal },
  );
  return dspResults(cell, json);
}

/** Times voirs' hifigan mel frontend on the 60 s clip. */
export async function runVoirsMel(
  cell: MelCell,
  r: Resources,
  options: BenchOptions,
  signal?: AbortSignal,
): Promise<Metric[]> {
  const args = [
    r.audio60!,
    String(options.iterations),
    String(options.timeMs),
    String(options.warmup),
  ];
  const json = await runJsonChild(
    process.execPath,
    tsNodeArgs(workerScript('mel-frontend')).concat(args),
    { cwd: REPO_ROOT, signal },
  );
  const details = { audio_samples: json.audio_samples, frames: json.frames, threads: 1 };
  return [
    {
      id: cell.id,
      suite: cell.suite,
      label: cell.label,
      unit: 'ms',
      impl: 'voirs',
      stats: summarize(samplesField(json, 'the mel-frontend worker')),
      details,
      peers: cell.peers,
    },
  ];
}
