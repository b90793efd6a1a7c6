/**
 * Reading the catalog from a folder of manifests (one `<name>.json` per model). The official
 * catalog is the repository's `models/` folder, shipped inside the published package as `models/`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ModelError } from '@voirs/core';
import { parseCatalog, type CatalogManifest } from '../catalog-manifest.js';

/**
 * The official catalog folder: `$VOIRS_CATALOG_DIR` when set, else the `models/` folder shipped in
 * this package, else the repository's `models/` (in a workspace checkout).
 */
export function defaultCatalogDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  if (env.VOIRS_CATALOG_DIR !== undefined && env.VOIRS_CATALOG_DIR !== '')
    return env.VOIRS_CATALOG_DIR;
  const packaged = fileURLToPath(new URL('../../models/', import.meta.url));
  if (existsSync(packaged)) return packaged;
  return fileURLToPath(new URL('../../../../models/', import.meta.url));
}

/**
 * Reads and validates every `*.json` manifest in `dir` (default {@link defaultCatalogDir}).
 * @throws ModelError `E_CATALOG` for a missing folder, unreadable JSON, an invalid manifest, a
 * duplicate name, or a file name that differs from the model name.
 */
export async function readCatalog(dir: string = defaultCatalogDir()): Promise<CatalogManifest[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (cause) {
    throw new ModelError(
      'E_CATALOG',
      `Cannot read the model catalog folder ${dir}: ${(cause as Error).message}. Set VOIRS_CATALOG_DIR or pass --catalog.`,
      {
        cause,
      },
    );
  }
  const entries = await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file);
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path, 'utf8'));
      } catch (cause) {
        throw new ModelError(
          'E_CATALOG',
          `The catalog manifest ${path} is not readable JSON: ${(cause as Error).message}`,
          { cause },
        );
      }
      return { json, origin: path };
    }),
  );
  const catalog = parseCatalog(entries);
  for (const manifest of catalog) {
    const expected = `${manifest.name}.json`;
    if (!files.includes(expected)) {
      throw new ModelError(
        'E_CATALOG',
        `The catalog manifest of "${manifest.name}" must be named ${expected} (in ${dir}).`,
      );
    }
  }
  return catalog;
}
