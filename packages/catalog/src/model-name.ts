/**
 * Model names: the keys of the catalog and of the cache. They double as folder names, so they are
 * restricted to a portable, traversal-free alphabet.
 */
import { ConfigError } from '@voirs/core';

const NAME = /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** True when `name` is a valid model name (lower-case letters, digits, `.`, `_`, `-`; 1–64 chars). */
export function isModelName(name: unknown): name is string {
  return typeof name === 'string' && NAME.test(name) && !name.includes('..');
}

/**
 * Checks a model name.
 * @throws ConfigError `E_INVALID_ARGUMENT` saying what a valid name looks like.
 */
export function assertModelName(name: string): string {
  if (typeof name !== 'string') throw new TypeError('model name must be a string');
  if (!isModelName(name)) {
    throw new ConfigError(
      'E_INVALID_ARGUMENT',
      `"${name}" is not a valid model name: use 1 to 64 lower-case letters, digits, ".", "_" or "-", ` +
        'starting and ending with a letter or digit (e.g. "hifigan-v2-ljspeech").',
    );
  }
  return name;
}

/**
 * A model name derived from a file name: extension dropped, lower-cased, runs of other characters
 * turned into `-` (`generator_v2` stays `generator_v2`, `My Model.pt` becomes `my-model`).
 * @throws ConfigError `E_INVALID_ARGUMENT` when nothing usable is left.
 */
export function modelNameFromFile(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(pt|pth|ckpt|bin|onnx|safetensors|tar)$/i, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 64)
    .replace(/[^a-z0-9]+$/, '');
  return assertModelName(name);
}
