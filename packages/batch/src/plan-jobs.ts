/**
 * Turns `voirs-vocoder batch`'s input into {@link FileJob}s: a folder (every .wav and .npy file in
 * it, recursively, in path order) or a JSON Lines manifest (one `{"input", "output"?, "id"?}` object
 * per line; relative inputs are resolved against the manifest's folder, outputs against the output
 * folder). Outputs are WAV files; two jobs may never write the same output, and no output may
 * overwrite an input.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConfigError, VocoderError } from '@voirs/core';
import type { FileJob } from './job.js';

const INPUT_EXTENSIONS = new Set(['.wav', '.npy']);

const withWav = (path: string) => `${path.slice(0, path.length - extname(path).length)}.wav`;

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(path)));
    else if (entry.isFile() && INPUT_EXTENSIONS.has(extname(entry.name).toLowerCase()))
      found.push(path);
  }
  return found;
}

async function folderJobs(folder: string, outDir: string): Promise<FileJob[]> {
  const inputs = (await walk(folder)).sort();
  return inputs.map((input) => {
    const rel = relative(folder, input);
    return {
      id: rel
        .slice(0, rel.length - extname(rel).length)
        .split(sep)
        .join('/'),
      input,
      output: join(outDir, withWav(rel)),
    };
  });
}

function manifestError(path: string, line: number, message: string): never {
  throw new ConfigError(
    'E_CONFIG_INVALID',
    `${path}:${line}: ${message} Each line must be a JSON object {"input": "a.wav", "output"?: "a.wav", "id"?: "a"}.`,
    {
      details: { path, line },
    },
  );
}

async function manifestJobs(path: string, outDir: string): Promise<FileJob[]> {
  const base = dirname(path);
  const jobs: FileJob[] = [];
  const lines = (await readFile(path, 'utf8')).split(/\r?\n/);
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch (cause) {
      manifestError(path, index + 1, `not JSON (${(cause as Error).message}).`);
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry))
      manifestError(path, index + 1, 'not a JSON object.');
    const { input, output, id } = entry as Record<string, unknown>;
    if (typeof input !== 'string' || input === '')
      manifestError(path, index + 1, '"input" must be a non-empty string.');
    if (
      output !== undefined &&
      (typeof output !== 'string' || !output.toLowerCase().endsWith('.wav'))
    ) {
      manifestError(path, index + 1, '"output" must be a path ending in .wav.');
    }
    if (id !== undefined && (typeof id !== 'string' || id === ''))
      manifestError(path, index + 1, '"id" must be a non-empty string.');
    const inputPath = resolve(base, input);
    const outRel = (output as string | undefined) ?? withWav(basename(inputPath));
    jobs.push({
      id: (id as string | undefined) ?? withWav(outRel).slice(0, -4),
      input: inputPath,
      output: isAbsolute(outRel) ? outRel : join(outDir, outRel),
    });
  });
  return jobs;
}

function checkUnique(jobs: readonly FileJob[]): void {
  const outputs = new Map<string, FileJob>();
  const inputs = new Set(jobs.map((j) => j.input));
  for (const job of jobs) {
    const other = outputs.get(job.output);
    if (other !== undefined) {
      throw new ConfigError(
        'E_CONFIG_INVALID',
        `${other.input} and ${job.input} would both be written to ${job.output}; give them distinct outputs.`,
      );
    }
    if (inputs.has(job.output)) {
      throw new ConfigError(
        'E_CONFIG_INVALID',
        `The output ${job.output} is an input of the batch; choose another output folder.`,
      );
    }
    outputs.set(job.output, job);
  }
}

/**
 * The jobs of a folder or a `.jsonl` manifest (see the module comment), outputs under `outDir`.
 * @throws VocoderError `E_FILE_NOT_FOUND` for a missing source; ConfigError `E_CONFIG_INVALID` for a
 * bad manifest line, an empty batch, clashing outputs or an output that is an input.
 */
export async function planJobs(source: string, outDir: string): Promise<FileJob[]> {
  const from = resolve(source);
  const to = resolve(outDir);
  let info;
  try {
    info = await stat(from);
  } catch (cause) {
    throw new VocoderError('E_FILE_NOT_FOUND', `No input folder or manifest at ${from}.`, {
      cause,
    });
  }
  const jobs = info.isDirectory() ? await folderJobs(from, to) : await manifestJobs(from, to);
  if (jobs.length === 0) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `${from} holds no .wav or .npy input; pass a folder of them or a .jsonl manifest.`,
    );
  }
  checkUnique(jobs);
  return jobs;
}
