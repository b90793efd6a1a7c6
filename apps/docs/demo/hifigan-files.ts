/**
 * The HiFi-GAN model the user loads from files: a checkpoint (the official `generator_v2`, a
 * safetensors file or a converted .onnx) and, optionally, the config.json trained with it.
 */
import { ConfigError, InputError } from '@voirs/core';

/** The files of one model, read. */
export interface ModelFiles {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly config?: Record<string, unknown>;
}

/**
 * Sorts picked files into the checkpoint and its config.json.
 * @throws InputError `E_INVALID_ARGUMENT` for no or several checkpoints or several configs;
 * ConfigError `E_CONFIG_INVALID` for a config.json that is not a JSON object.
 */
export async function readModelFiles(files: readonly File[]): Promise<ModelFiles> {
  const configs = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const checkpoints = files.filter((f) => !configs.includes(f));
  if (checkpoints.length !== 1 || configs.length > 1) {
    throw new InputError(
      'E_INVALID_ARGUMENT',
      `Pick one checkpoint (e.g. generator_v2) and at most one config.json; got ${checkpoints.length} checkpoint(s) and ${configs.length} JSON file(s).`,
    );
  }
  const checkpoint = checkpoints[0]!;
  let config: Record<string, unknown> | undefined;
  if (configs[0] !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await configs[0].text());
    } catch (cause) {
      throw new ConfigError('E_CONFIG_INVALID', `${configs[0].name} is not valid JSON.`, { cause });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new ConfigError(
        'E_CONFIG_INVALID',
        `${configs[0].name} must hold a JSON object (HiFi-GAN's config.json).`,
      );
    }
    config = parsed as Record<string, unknown>;
  }
  return { name: checkpoint.name, bytes: new Uint8Array(await checkpoint.arrayBuffer()), config };
}
