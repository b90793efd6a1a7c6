/**
 * `voirs-vocoder models import <checkpoint|folder> [--name] [--arch] [--vocoder] [--precision]
 * [--force]`: the checkpoint (with its config.json) converted by the vocoder plugin into a cached
 * ONNX model; `--precision int8` quantises it at import (calibrated on onnxruntime-node).
 */
import { basename } from 'node:path';
import { PRECISIONS, backends, vocoders } from '@voirs/core';
import { importModel, modelNameFromFile } from '@voirs/catalog';
import { Reporter } from '../reporter.js';
import { choiceOption, parseCommandArgs, positionals } from '../args.js';
import { resolveModelSource } from '../model-source.js';
import { registerBuiltinPlugins } from '../plugins.js';
import {
  CACHE_OPTION,
  describeCached,
  openCache,
  type ModelsSubcommand,
} from './models-context.js';

const OPTIONS = {
  ...CACHE_OPTION,
  name: { type: 'string' },
  arch: { type: 'string' },
  vocoder: { type: 'string' },
  precision: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const modelsImport: ModelsSubcommand = {
  name: 'import',
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'models');
    const [file] = positionals(rest, ['checkpoint|folder'], 'models import');
    const precision = choiceOption(values.precision, 'precision', PRECISIONS, 'models');
    const reporter = new Reporter(context.streams, values);
    registerBuiltinPlugins();
    const plugin = vocoders.get(values.vocoder ?? 'hifigan');
    const cache = openCache(values);
    const source = await resolveModelSource(file!, { cacheDir: values['cache-dir'] });
    const name = values.name ?? modelNameFromFile(basename(source.name ?? file!));
    reporter.info(
      `Converting ${file} with the ${plugin.name} plugin${source.config ? ' (config.json found beside it)' : ''}` +
        `${precision === 'int8' ? ', quantising to int8 (calibrated on onnxruntime-node)' : ''}…`,
    );
    const model = await importModel(cache, plugin, source, {
      name,
      arch: values.arch,
      precision,
      backend:
        precision === undefined || precision === 'fp32'
          ? undefined
          : await backends.resolve('node'),
      origin: { via: 'import', file: file! },
      replace: values.force,
      signal: context.signal,
    });
    reporter.info(
      `Imported "${model.name}": ${describeCached(model)}, in ${cache.entryDir(model.name)}.`,
    );
    reporter.info(
      `Use it with: voirs-vocoder vocode <in.wav> -o <out.wav> --vocoder ${plugin.name} --model ${model.name}`,
    );
    reporter.summary({ ok: true, model, path: cache.entryDir(model.name) });
    return 0;
  },
};
