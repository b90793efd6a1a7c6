/**
 * `voirs-vocoder models list [--available]`, `models info <name>` and `models remove <name>`.
 */
import { join } from 'node:path';
import { MODEL_FILE, type CatalogManifest } from '@voirs/catalog';
import { ModelError } from '@voirs/core';
import { Reporter } from '../reporter.js';
import { parseCommandArgs, positionals } from '../args.js';
import {
  CACHE_OPTION,
  CATALOG_OPTION,
  describeCached,
  formatBytes,
  formatColumns,
  loadCatalog,
  openCache,
  type ModelsSubcommand,
} from './models-context.js';

/** How `models pull` can fetch a catalog entry, in a word. */
function pullability(entry: CatalogManifest): string {
  if (entry.source.url === null) return 'manual download';
  return entry.source.sha256 === null ? 'needs --sha256' : 'pull';
}

export const modelsList: ModelsSubcommand = {
  name: 'list',
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(
      argv,
      { ...CACHE_OPTION, ...CATALOG_OPTION, available: { type: 'boolean' } },
      'models',
    );
    positionals(rest, [], 'models list');
    const cache = openCache(values);
    const models = await cache.list();
    const catalog = values.available ? await loadCatalog(values) : undefined;
    if (values.json) {
      context.streams.stdout.write(
        `${JSON.stringify({ ok: true, cache: cache.dir, models, catalog }, null, 2)}\n`,
      );
      return 0;
    }
    const out: string[] = [];
    if (models.length === 0) {
      out.push(
        `No models in ${cache.dir}. Add one with "voirs-vocoder models import <checkpoint>" or "models pull <name>".`,
      );
    } else {
      out.push(`Models in ${cache.dir}:`);
      out.push(
        formatColumns([
          ['NAME', 'KIND', 'VOCODER', 'ARCH', 'SIZE', 'ORIGIN'],
          ...models.map((m) => [
            m.name,
            m.kind,
            m.vocoder ?? '-',
            [m.arch ?? '-', m.precision].filter(Boolean).join(' '),
            formatBytes(m.size),
            m.origin.catalog ?? m.origin.file ?? m.origin.via,
          ]),
        ]),
      );
    }
    if (catalog !== undefined) {
      const installed = new Set(models.map((m) => m.origin.catalog).filter(Boolean));
      out.push('', 'Catalog:');
      out.push(
        formatColumns([
          ['NAME', 'KIND', 'LICENCE', 'SHA256', 'HOW', 'TITLE'],
          ...catalog.map((e) => [
            e.name,
            e.kind,
            e.licence.spdx,
            e.source.verified ? 'verified' : 'unknown',
            installed.has(e.name) ? 'installed' : pullability(e),
            e.title,
          ]),
        ]),
      );
    }
    context.streams.stdout.write(`${out.join('\n')}\n`);
    return 0;
  },
};

export const modelsInfo: ModelsSubcommand = {
  name: 'info',
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(
      argv,
      { ...CACHE_OPTION, ...CATALOG_OPTION },
      'models',
    );
    const [name] = positionals(rest, ['name'], 'models info');
    const cache = openCache(values);
    const model = await cache.get(name!);
    const entry = (await loadCatalog(values)).find(
      (e) => e.name === name || e.name === model?.origin.catalog,
    );
    if (model === undefined && entry === undefined) {
      throw new ModelError(
        'E_MODEL_NOT_FOUND',
        `No model "${name}" in the cache (${cache.dir}) or the catalog. See "voirs-vocoder models list --available".`,
      );
    }
    const path = model === undefined ? undefined : join(cache.entryDir(name!), MODEL_FILE);
    if (values.json) {
      context.streams.stdout.write(
        `${JSON.stringify({ ok: true, installed: model !== undefined, path, model, catalog: entry }, null, 2)}\n`,
      );
      return 0;
    }
    const lines: string[] = [];
    if (model !== undefined) {
      lines.push(
        `${model.name}: ${describeCached(model)}`,
        `  file:        ${path}`,
        `  sha256:      ${model.sha256}`,
      );
      if (model.convention !== undefined)
        lines.push(
          `  mel:         ${model.convention.name} (${model.convention.sampleRate} Hz, ${model.convention.nMels} bands, hop ${model.convention.hop})`,
        );
      if (model.licence !== undefined) lines.push(`  licence:     ${model.licence}`);
      lines.push(
        `  origin:      ${model.origin.via} ${model.origin.url ?? model.origin.file ?? ''} (checkpoint sha256 ${model.origin.sha256}${model.origin.verified ? '' : ', NOT verified'})`,
      );
      lines.push(`  created:     ${model.createdAt}`);
    } else {
      lines.push(`${name}: not installed (in the catalog; "voirs-vocoder models pull ${name}")`);
    }
    if (entry !== undefined) {
      lines.push(
        `  catalog:     ${entry.name}: ${entry.title}`,
        `  published:   ${entry.source.page} (${entry.source.file})`,
      );
      lines.push(
        `  download:    ${entry.source.url ?? 'no direct URL: download it from the page, then "models import"'}`,
      );
      lines.push(`  sha256:      ${entry.source.sha256 ?? 'unknown'} (${entry.source.note})`);
      lines.push(
        `  licence:     ${entry.licence.spdx} ${entry.licence.url}${entry.licence.attribution ? `; attribution: ${entry.licence.attribution}` : ''}`,
      );
      for (const note of entry.notes ?? []) lines.push(`  note:        ${note}`);
    }
    context.streams.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};

export const modelsRemove: ModelsSubcommand = {
  name: 'remove',
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, CACHE_OPTION, 'models');
    const [name] = positionals(rest, ['name'], 'models remove');
    const cache = openCache(values);
    if (!(await cache.remove(name!))) {
      throw new ModelError(
        'E_MODEL_NOT_FOUND',
        `No model "${name}" in the cache (${cache.dir}); see "voirs-vocoder models list".`,
      );
    }
    const reporter = new Reporter(context.streams, values);
    reporter.info(`Removed "${name}" from ${cache.dir}.`);
    reporter.summary({ ok: true, removed: name });
    return 0;
  },
};
