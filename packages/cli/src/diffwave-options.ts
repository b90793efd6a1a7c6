/**
 * The DiffWave flags of `voirs-vocoder vocode`: --schedule fast|full|<file.json>, --sampler,
 * --steps, --eta, --noise <file.npy>, turned into the diffwave vocoder's synthesis options.
 */
import { ConfigError, FormatError } from '@voirs/core';
import { readNpy } from '@voirs/dsp';
import { SAMPLERS, parseScheduleSpec, type DiffwaveOptions } from '@voirs/diffwave';
import { choiceOption, intOption, numberOption, usageError } from './args.js';
import { readInputFile } from './files.js';

/** The option specs to merge into the vocode command's. */
export const DIFFWAVE_FLAGS = {
  schedule: { type: 'string' },
  sampler: { type: 'string' },
  steps: { type: 'string' },
  eta: { type: 'string' },
  noise: { type: 'string' },
} as const;

/** Help lines for the flags. */
export const DIFFWAVE_HELP = `  --schedule <s>         diffwave: fast (default), full (the training schedule) or a JSON file
                         ([betas], {"betas": [...]}, or {"kind": "linear|quadratic|sigmoid|cosine", "steps": N})
  --sampler <name>       diffwave: ${SAMPLERS.join(', ')} (default ddpm)
  --steps <n>            diffwave: n evenly spaced training steps instead of a schedule
  --eta <x>              diffwave: DDIM/adaptive stochasticity in [0, 1] (default 0)
  --noise <file.npy>     diffwave: explicit float32 noise [S, hop x frames] instead of --seed
                         (row 0 is x_T, row k the noise added after step k)`;

type Flags = { readonly [K in keyof typeof DIFFWAVE_FLAGS]?: string | undefined } & {
  readonly seed?: string | undefined;
};

/** Reads a --schedule value: a name, or a JSON file holding a schedule spec. */
async function readSchedule(value: string): Promise<DiffwaveOptions['schedule']> {
  if (value === 'fast' || value === 'full') return value;
  const bytes = await readInputFile(value);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new ConfigError(
      'E_SCHEDULE_INVALID',
      `${value} is not valid JSON: ${(cause as Error).message}`,
      { cause },
    );
  }
  return parseScheduleSpec(json, value);
}

/** Reads --noise: a float32 (or float64) .npy of shape [S, N]. */
async function readNoise(path: string): Promise<NonNullable<DiffwaveOptions['noise']>> {
  const npy = readNpy(await readInputFile(path), { name: path });
  if (npy.dtype !== 'float32' && npy.dtype !== 'float64') {
    throw new FormatError(
      'E_NPY_UNSUPPORTED',
      `${path} holds ${npy.dtype} values; --noise needs float32 [S, N] (array.astype('float32')).`,
    );
  }
  return { data: npy.data, shape: npy.shape };
}

/**
 * The diffwave options the flags describe (undefined when none is given).
 * @throws ConfigError `E_CLI_USAGE` for flags given to another vocoder, bad numbers or --noise
 * with --seed; the readers' errors for the files.
 */
export async function diffwaveOptions(
  flags: Flags,
  vocoder: string,
  command: string,
): Promise<DiffwaveOptions | undefined> {
  const given = (Object.keys(DIFFWAVE_FLAGS) as (keyof typeof DIFFWAVE_FLAGS)[]).filter(
    (k) => flags[k] !== undefined,
  );
  if (given.length === 0) return undefined;
  if (vocoder !== 'diffwave')
    usageError(`--${given[0]} applies to the diffwave vocoder, not ${vocoder}.`, command);
  if (flags.noise !== undefined && flags.seed !== undefined) {
    usageError(
      'Give either --seed or --noise: explicit noise replaces the seeded generator.',
      command,
    );
  }
  const options: DiffwaveOptions = {
    sampler: choiceOption(flags.sampler, 'sampler', SAMPLERS, command),
    steps: intOption(flags.steps, 'steps', 1, 10_000, command),
    eta: numberOption(flags.eta, 'eta', 0, 1, command),
    schedule: flags.schedule === undefined ? undefined : await readSchedule(flags.schedule),
    noise: flags.noise === undefined ? undefined : await readNoise(flags.noise),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
