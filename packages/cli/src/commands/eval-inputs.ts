/**
 * Inputs of `voirs-vocoder eval`: WAV files by content, DNSMOS model folders, and the file pairs
 * of `--dir` (matched by name).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelError, type AudioBuffer } from '@voirs/core';
import { readWav } from '@voirs/dsp';
import { DnsmosScorer } from '@voirs/metrics';
import { fsError, readInputFile, sniffInput, unsupportedInput } from '../files.js';

/** Reads a WAV file (judged by content). */
export async function readAudio(path: string): Promise<AudioBuffer> {
  const bytes = await readInputFile(path);
  if (sniffInput(bytes) !== 'wav') unsupportedInput(path, 'a WAV file');
  return readWav(bytes, { name: path }).audio;
}

/** File names of the DNSMOS models inside a model folder. */
export const DNSMOS_FILES = { p835: 'sig_bak_ovr.onnx', p808: 'model_v8.onnx' } as const;

/**
 * Loads the DNSMOS models from `--dnsmos-dir`, else `$VOIRS_DNSMOS_DIR`, and runs them on
 * onnxruntime-node (imported only here, so other metrics never load it). `model_v8.onnx` is optional
 * (no P.808 score without it).
 * @throws ModelError `E_MODEL_NOT_FOUND` when no folder is given or it lacks `sig_bak_ovr.onnx`.
 */
export async function loadDnsmos(
  dir: string | undefined,
  threads?: number,
): Promise<{ scorer: DnsmosScorer; dir: string; p808: boolean }> {
  const folder = dir ?? process.env.VOIRS_DNSMOS_DIR;
  if (folder === undefined || folder === '') {
    throw new ModelError(
      'E_MODEL_NOT_FOUND',
      `The dnsmos metric needs the DNSMOS models (${DNSMOS_FILES.p835}, optionally ${DNSMOS_FILES.p808}): ` +
        'pass --dnsmos-dir <folder> or set VOIRS_DNSMOS_DIR.',
    );
  }
  let p835: Uint8Array;
  try {
    p835 = await readInputFile(join(folder, DNSMOS_FILES.p835));
  } catch (error) {
    throw new ModelError(
      'E_MODEL_NOT_FOUND',
      `No ${DNSMOS_FILES.p835} in "${folder}" (the DNSMOS model folder).`,
      { cause: error },
    );
  }
  let p808: Uint8Array | undefined;
  try {
    p808 = await readInputFile(join(folder, DNSMOS_FILES.p808));
  } catch {
    p808 = undefined;
  }
  const { createNodeBackend } = await import('@voirs/backend-node');
  const backend = createNodeBackend();
  const scorer = await DnsmosScorer.create({
    models: p808 === undefined ? { p835 } : { p835, p808 },
    backend,
    sessionOptions: threads === undefined ? {} : { intraOpThreads: threads },
  });
  return { scorer, dir: folder, p808: p808 !== undefined };
}

/** WAV files present under the same name in both folders, and those present in only one. */
export interface MatchedFiles {
  readonly names: string[];
  readonly onlyReferences: string[];
  readonly onlyTests: string[];
}

/** Lists `*.wav` files (case-insensitive extension) of a folder, sorted. */
async function wavNames(dir: string): Promise<string[]> {
  try {
    const info = await stat(dir);
    if (!info.isDirectory())
      throw Object.assign(new Error(`"${dir}" is not a folder`), { code: 'ENOTDIR' });
    return (await readdir(dir)).filter((n) => n.toLowerCase().endsWith('.wav')).sort();
  } catch (error) {
    throw fsError(error, dir, 'read');
  }
}

/** Matches the WAV files of two folders by name. */
export async function matchFolders(references: string, tests: string): Promise<MatchedFiles> {
  const [refs, outs] = await Promise.all([wavNames(references), wavNames(tests)]);
  const testSet = new Set(outs);
  const refSet = new Set(refs);
  return {
    names: refs.filter((n) => testSet.has(n)),
    onlyReferences: refs.filter((n) => !testSet.has(n)),
    onlyTests: outs.filter((n) => !refSet.has(n)),
  };
}
