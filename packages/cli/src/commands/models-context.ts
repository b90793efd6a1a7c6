/**
 * What every `voirs-vocoder models …` sub-command shares: the cache and catalog options, opening
 * them, and describing entries for people.
 */
import { type CachedModel, type CatalogManifest } from '@voirs/catalog';
import { NodeModelCache, defaultCatalogDir, readCatalog } from '@voirs/catalog/node';
import type { CommandContext } from '../command.js';

/** `--cache-dir` (every sub-command). */
export const CACHE_OPTION = { 'cache-dir': { type: 'string' } } as const;
/** `--catalog` (sub-commands that read the catalog). */
export const CATALOG_OPTION = { catalog: { type: 'string' } } as const;

/** A sub-command of `models`. */
export interface ModelsSubcommand {
  readonly name: string;
  run(argv: readonly string[], context: CommandContext): Promise<number>;
}

/** The cache named by `--cache-dir`, `VOIRS_CACHE_DIR` or the platform default. */
export function openCache(values: { 'cache-dir'?: string }): NodeModelCache {
  return NodeModelCache.open({ cacheDir: values['cache-dir'] });
}

/** The catalog in `--catalog`, `VOIRS_CATALOG_DIR` or the one shipped with @voirs/catalog. */
export function loadCatalog(values: { catalog?: string }): Promise<CatalogManifest[]> {
  return readCatalog(values.catalog ?? defaultCatalogDir());
}

/** `3.6 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1e3) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** One line about a cached model: `hifigan v2, 0.9 M parameters, 3.7 MB`. */
export function describeCached(model: CachedModel): string {
  const parts = [
    model.vocoder === undefined
      ? model.kind
      : [model.vocoder, model.arch, model.precision].filter(Boolean).join(' '),
    model.parameters === undefined
      ? undefined
      : `${(model.parameters / 1e6).toFixed(2)} M parameters`,
    formatBytes(model.size),
  ];
  return parts.filter(Boolean).join(', ');
}

/** Aligned text columns. */
export function formatColumns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '),
    )
    .join('\n');
}
