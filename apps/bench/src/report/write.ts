/**
 * Writes a run to its output folder: results.json, results.md and the SVG charts. Files are
 * written to temporary names and renamed, so a reader never sees half a file; charts of an earlier
 * run that this run did not produce are removed.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VocoderError } from '@voirs/core';
import type { CheckReport } from '../baseline.js';
import { RESULTS_SCHEMA, type BenchResults } from '../results.js';
import { renderCharts } from './charts.js';
import { renderMarkdown } from './markdown.js';

function writeAtomic(path: string, text: string): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, path);
}

/** Writes results.json, results.md and the charts to `dir`; returns the files written. */
export function writeResults(dir: string, results: BenchResults, check?: CheckReport): string[] {
  mkdirSync(dir, { recursive: true });
  const charts = renderCharts(results);
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.svg') && !(name in charts)) rmSync(join(dir, name));
  }
  const files: Record<string, string> = {
    'results.json': `${JSON.stringify(check === undefined ? results : { ...results, check }, null, 2)}\n`,
    'results.md': renderMarkdown(results, check),
    ...charts,
  };
  for (const [name, text] of Object.entries(files)) writeAtomic(join(dir, name), text);
  return Object.keys(files).map((name) => join(dir, name));
}

/**
 * Reads a results.json written by {@link writeResults}.
 * @throws VocoderError `E_FILE_NOT_FOUND` / `E_IO`; `E_UNSUPPORTED_FORMAT` for another layout.
 */
export function readResults(path: string): BenchResults {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new VocoderError(
      missing ? 'E_FILE_NOT_FOUND' : 'E_IO',
      `Cannot read ${path}: ${(cause as Error).message}`,
      { cause },
    );
  }
  let json: Partial<BenchResults>;
  try {
    json = JSON.parse(text) as Partial<BenchResults>;
  } catch (cause) {
    throw new VocoderError(
      'E_UNSUPPORTED_FORMAT',
      `${path} is not JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (
    json?.schema !== RESULTS_SCHEMA ||
    !Array.isArray(json.metrics) ||
    json.calibration === undefined
  ) {
    throw new VocoderError(
      'E_UNSUPPORTED_FORMAT',
      `${path} is not a results.json of this benchmark (schema ${RESULTS_SCHEMA}).`,
    );
  }
  return { ...json, notes: json.notes ?? [] } as BenchResults;
}
