/**
 * `voirs-vocoder models pull <name>`: a catalog entry downloaded (with progress, resume and SHA-256
 * verification), then converted into the cache.
 */
import { vocoders } from '@voirs/core';
import { findCatalogEntry } from '@voirs/catalog';
import { pullModel } from '@voirs/catalog/node';
import { Reporter } from '../reporter.js';
import { parseCommandArgs, positionals, usageError } from '../args.js';
import { registerBuiltinPlugins } from '../plugins.js';
import {
  CACHE_OPTION,
  CATALOG_OPTION,
  describeCached,
  formatBytes,
  loadCatalog,
  openCache,
  type ModelsSubcommand,
} from './models-context.js';

const OPTIONS = {
  ...CACHE_OPTION,
  ...CATALOG_OPTION,
  name: { type: 'string' },
  url: { type: 'string' },
  sha256: { type: 'string' },
  'insecure-skip-checksum': { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

export const modelsPull: ModelsSubcommand = {
  name: 'pull',
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'models');
    const [wanted] = positionals(rest, ['name'], 'models pull');
    if (values.url !== undefined && !/^https?:\/\//.test(values.url))
      usageError(`--url must be an http(s) URL, got "${values.url}".`, 'models');
    const reporter = new Reporter(context.streams, values);
    const entry = findCatalogEntry(await loadCatalog(values), wanted!);
    registerBuiltinPlugins();
    const plugin =
      entry.vocoder !== undefined && vocoders.has(entry.vocoder)
        ? vocoders.get(entry.vocoder)
        : undefined;
    const cache = openCache(values);
    if (
      entry.source.sha256 === null &&
      values.sha256 === undefined &&
      values['insecure-skip-checksum']
    ) {
      reporter.info(
        `Warning: "${entry.name}" has no known sha256; the download will NOT be verified (--insecure-skip-checksum).`,
      );
    }
    reporter.info(
      `Downloading ${entry.source.file} for "${entry.name}" from ${values.url ?? entry.source.url ?? entry.source.page}…`,
    );
    const result = await pullModel(entry, {
      cache,
      plugin,
      name: values.name,
      url: values.url,
      sha256: values.sha256,
      insecureSkipChecksum: values['insecure-skip-checksum'],
      replace: values.force,
      signal: context.signal,
      onProgress: ({ received, total }) => {
        if (total !== undefined && total > 0) reporter.progress(received / total, 'downloading');
      },
    });
    if (result.resumedFrom > 0)
      reporter.info(`Resumed an interrupted download at ${formatBytes(result.resumedFrom)}.`);
    reporter.info(
      `Pulled "${result.model.name}": ${formatBytes(result.size)} downloaded, sha256 ${result.verified ? 'verified' : 'NOT verified'}; ` +
        `${describeCached(result.model)} in ${cache.entryDir(result.model.name)}.`,
    );
    reporter.summary({
      ok: true,
      model: result.model,
      download: {
        sha256: result.sha256,
        size: result.size,
        resumedFrom: result.resumedFrom,
        verified: result.verified,
      },
    });
    return 0;
  },
};
