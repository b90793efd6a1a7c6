/**
 * `--model` resolution: a checkpoint file (with the config.json beside it), a folder holding a
 * checkpoint and its config.json, an ONNX file, or the name of a model in the user cache (`models
 * import` / `models pull`; an existing path wins over a cached name). Files are recognised by content.
 * An ONNX file's external data is embedded from the file's own folder only.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ModelError, VocoderError, type ModelSource } from '@voirs/core';
import { detectFormat } from '@voirs/checkpoint';
import { resolveExternalData } from '@voirs/onnx/node';
import { fsError, readInputFile } from './files.js';
import { cachedModelSource } from './models-cached-source.js';

const MODEL_FORMATS = new Set(['torch-zip', 'torch-legacy', 'safetensors', 'onnx']);

/** Reads `config.json` in `folder` when there is one. */
async function readConfigBeside(folder: string): Promise<Record<string, unknown> | undefined> {
  const path = join(folder, 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError(error, path, 'read');
  }
  try {
    const json: unknown = JSON.parse(text);
    if (json === null || typeof json !== 'object' || Array.isArray(json))
      throw new Error('not a JSON object');
    return json as Record<string, unknown>;
  } catch (cause) {
    throw new ModelError(
      'E_MODEL_CONFIG',
      `${path} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** Finds the one model file in a folder (by content), with a clear error for none or several. */
async function modelFileIn(folder: string): Promise<{ path: string; bytes: Uint8Array }> {
  const candidates: { path: string; bytes: Uint8Array }[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name === 'config.json' || entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    const bytes = await readInputFile(path);
    if (MODEL_FORMATS.has(detectFormat(bytes))) candidates.push({ path, bytes });
  }
  if (candidates.length === 1) return candidates[0]!;
  throw new ModelError(
    'E_MODEL_NOT_FOUND',
    candidates.length === 0
      ? `The folder ${folder} holds no checkpoint or ONNX model.`
      : `The folder ${folder} holds several models (${candidates.map((c) => basename(c.path)).join(', ')}); pass the file itself.`,
  );
}

/**
 * Resolves `--model` to bytes plus the config.json found beside them; a path that does not exist is
 * looked up as a cached model name (in `options.cacheDir`, else `VOIRS_CACHE_DIR` or the platform cache).
 * @throws VocoderError `E_FILE_NOT_FOUND` (with a hint about `models import` names), ModelError
 * `E_MODEL_NOT_FOUND` / `E_MODEL_CONFIG`, FormatError `E_UNSUPPORTED_FORMAT`; `E_CHECKSUM` for a
 * corrupted cached model; for ONNX external data, ModelError `E_PATH_TRAVERSAL` (a location outside
 * the model's folder) and FormatError `E_ONNX_EXTERNAL_DATA` (missing or mismatched data).
 */
export async function resolveModelSource(
  model: string,
  options: { cacheDir?: string } = {},
): Promise<ModelSource> {
  let info;
  try {
    info = await stat(model);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const cached = await cachedModelSource(model, options.cacheDir);
      if (cached !== undefined) return cached;
      throw new VocoderError(
        'E_FILE_NOT_FOUND',
        `No model file, folder or imported model "${model}". Pass a checkpoint (with its config.json beside it), a folder, ` +
          'an .onnx file, or a name from "voirs-vocoder models list".',
      );
    }
    throw fsError(error, model, 'read');
  }
  const { path, bytes } = info.isDirectory()
    ? await modelFileIn(model)
    : { path: model, bytes: await readInputFile(model) };
  const format = detectFormat(bytes);
  if (!MODEL_FORMATS.has(format)) {
    throw new ModelError(
      'E_UNSUPPORTED_FORMAT',
      `${path} is not a model (detected: ${format}); expected a PyTorch checkpoint, safetensors or ONNX file.`,
    );
  }
  if (format === 'onnx') {
    return {
      bytes: await resolveExternalData(bytes, dirname(path)),
      name: basename(path),
      config: undefined,
    };
  }
  return { bytes, name: basename(path), config: await readConfigBeside(dirname(path)) };
}
