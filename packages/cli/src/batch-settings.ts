/**
 * The vocoding flags `batch` and `queue submit` share with `vocode` (vocoder, model, synthesis and
 * output format), turned into structured-cloneable {@link BatchVocodeSettings} for worker threads and
 * queued jobs, plus the settings key of the completion records: a hash of the settings and of the
 * model's bytes, so changing either redoes every file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  QUALITY_LEVELS,
  SAMPLE_FORMATS,
  vocoders,
  type QualityLevel,
  type SampleFormat,
} from '@voirs/core';
import { sha256Hex } from '@voirs/batch';
import { choiceOption, intOption, usageError } from './args.js';
import { DIFFWAVE_FLAGS, DIFFWAVE_HELP, diffwaveOptions } from './diffwave-options.js';
import { resolveModelSource } from './model-source.js';
import { registerBuiltinPlugins } from './plugins.js';
import { WAVEGLOW_FLAGS, WAVEGLOW_HELP, waveglowOptions } from './waveglow-options.js';

/** The option specs to merge into a command's. */
export const BATCH_VOCODE_FLAGS = {
  vocoder: { type: 'string' },
  model: { type: 'string', short: 'm' },
  arch: { type: 'string' },
  backend: { type: 'string' },
  format: { type: 'string' },
  quality: { type: 'string' },
  seed: { type: 'string' },
  iterations: { type: 'string' },
  ...DIFFWAVE_FLAGS,
  ...WAVEGLOW_FLAGS,
} as const;

/** Help lines without the --noise option (one clip's noise; batches use --seed). */
function withoutNoise(help: string): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of help.split('\n')) {
    if (/^ {2}-/.test(line)) skipping = line.trimStart().startsWith('--noise');
    if (!skipping) kept.push(line);
  }
  return kept.join('\n');
}

/** Help lines of {@link BATCH_VOCODE_FLAGS}. */
export const BATCH_VOCODE_HELP = `  --vocoder <name>       griffinlim (default, model-free), hifigan, diffwave or waveglow
  -m, --model <path>     checkpoint, folder, .onnx or imported model name, as for "vocode" (queued
                         jobs: a path every worker machine sees, e.g. on shared storage)
  --arch <v1|v2|v3>      built-in architecture when the checkpoint has no config.json
  --backend <name>       node (onnxruntime-node, default) or web (onnxruntime-web WASM)
  --format <fmt>         WAV sample format: ${SAMPLE_FORMATS.join(', ')} (default s16)
  --quality <level>      ${QUALITY_LEVELS.join(', ')} (default high)
  --seed <n>             seed for stochastic vocoders and Griffin-Lim's initial phase
  --iterations <n>       Griffin-Lim iterations (overrides --quality)
${withoutNoise(DIFFWAVE_HELP)}
${withoutNoise(WAVEGLOW_HELP)}`;

/** What a worker needs to load the vocoder and vocode one file; plain data. */
export interface BatchVocodeSettings {
  readonly vocoder: string;
  /** Absolute model path, or an imported model name. */
  readonly model?: string;
  readonly arch?: string;
  readonly backend?: string;
  readonly format: SampleFormat;
  readonly quality?: QualityLevel;
  readonly seed?: number;
  /** Vocoder-specific synthesis options (Griffin-Lim iterations, diffwave, waveglow). */
  readonly options?: Readonly<Record<string, unknown>>;
}

type Flags = { readonly [K in keyof typeof BATCH_VOCODE_FLAGS]?: string | undefined };

/**
 * Validates the flags like `vocode` does, loads the model once to check it and hash it, and returns
 * the settings and their key.
 * @throws ConfigError `E_CLI_USAGE` for flags that do not fit; the model resolver's errors.
 */
export async function batchVocodeSettings(
  flags: Flags,
  command: string,
): Promise<{ settings: BatchVocodeSettings; settingsKey: string }> {
  registerBuiltinPlugins();
  const plugin = vocoders.get(flags.vocoder ?? 'griffinlim');
  if (flags.noise !== undefined)
    usageError("--noise holds one clip's noise; a batch uses --seed instead.", command);
  const format =
    choiceOption<SampleFormat>(flags.format, 'format', SAMPLE_FORMATS, command) ?? 's16';
  const quality = choiceOption(flags.quality, 'quality', QUALITY_LEVELS, command);
  const seed = intOption(flags.seed, 'seed', 0, 2 ** 32 - 1, command);
  const iterations = intOption(flags.iterations, 'iterations', 1, 10_000, command);
  if (iterations !== undefined && plugin.name !== 'griffinlim')
    usageError(`--iterations applies to the griffinlim vocoder, not ${plugin.name}.`, command);
  const waveglow = await waveglowOptions(flags, plugin.name, command);
  const diffwave = await diffwaveOptions(flags, plugin.name, command);
  for (const flag of ['model', 'arch', 'backend'] as const) {
    if (flags[flag] !== undefined && !plugin.requiresModel)
      usageError(`--${flag} applies to model vocoders, not ${plugin.name}.`, command);
  }
  if (plugin.requiresModel && flags.model === undefined)
    usageError(`The ${plugin.name} vocoder needs --model <checkpoint|folder|model.onnx>.`, command);
  let modelHash = '';
  let model: string | undefined;
  if (flags.model !== undefined) {
    const source = await resolveModelSource(flags.model);
    modelHash = sha256Hex(source.bytes);
    // as resolveModelSource does, an existing path wins over a cached name; workers get it absolute
    model = existsSync(flags.model) ? resolve(flags.model) : flags.model;
  }
  const options = iterations === undefined ? (diffwave ?? waveglow) : { iterations };
  const settings: BatchVocodeSettings = {
    vocoder: plugin.name,
    format,
    ...(model === undefined ? {} : { model }),
    ...(flags.arch === undefined ? {} : { arch: flags.arch }),
    ...(flags.backend === undefined ? {} : { backend: flags.backend }),
    ...(quality === undefined ? {} : { quality }),
    ...(seed === undefined ? {} : { seed }),
    ...(options === undefined ? {} : { options: options as Record<string, unknown> }),
  };
  // the key names the model by its bytes, not its path: moving the file keeps finished outputs
  const identity = { ...settings, model: modelHash };
  return { settings, settingsKey: sha256Hex(JSON.stringify(identity)) };
}
