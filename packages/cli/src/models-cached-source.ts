/**
 * `--model <name>`: a model imported or pulled into the user cache, as a ModelSource.
 */
import type { ModelSource } from '@voirs/core';
import { isModelName } from '@voirs/catalog';
import { NodeModelCache } from '@voirs/catalog/node';

/**
 * The cached model called `name` (in `cacheDir`, else `VOIRS_CACHE_DIR`, else the platform cache),
 * or undefined when `name` is not a model name or not cached.
 * @throws VocoderError `E_CHECKSUM` / `E_CACHE` for a corrupted or damaged entry.
 */
export async function cachedModelSource(
  name: string,
  cacheDir?: string,
): Promise<ModelSource | undefined> {
  if (!isModelName(name)) return undefined;
  const cache = NodeModelCache.open({ cacheDir });
  if ((await cache.get(name)) === undefined) return undefined;
  const { bytes } = await cache.read(name);
  return { bytes, name };
}
