/**
 * The WaveGlow flags of `voirs-vocoder vocode`: --sigma, --denoise, and --noise <file.npy> (the
 * flag is shared with diffwave; for waveglow it holds z in @voirs/waveglow's documented layout),
 * turned into the waveglow vocoder's synthesis options.
 */
import { FormatError } from '@voirs/core';
import { readNpy } from '@voirs/dsp';
import type { WaveglowSynthesisOptions } from '@voirs/waveglow';
import { numberOption, usageError } from './args.js';
import { readInputFile } from './files.js';

/** The option specs to merge into the vocode command's (`noise` comes with the diffwave flags). */
export const WAVEGLOW_FLAGS = {
  sigma: { type: 'string' },
  denoise: { type: 'string' },
} as const;

/** Help lines for the flags. */
export const WAVEGLOW_HELP = `  --sigma <x>            waveglow: standard deviation of z (default 0.6; 0 is deterministic)
  --denoise <x>          waveglow: strength of NVIDIA's bias-spectrum denoiser (0.1 is typical; default off)
  --noise <file.npy>     waveglow: explicit standard normal z instead of --seed, float32 [n_group, hop x
                         frames / n_group]: the last flow's rows, then each early output's (see @voirs/waveglow)`;

type Flags = { readonly [K in keyof typeof WAVEGLOW_FLAGS]?: string | undefined } & {
  readonly noise?: string | undefined;
  readonly seed?: string | undefined;
};

/** Reads --noise: a float32 (or float64, converted) .npy. */
async function readNoise(path: string): Promise<NonNullable<WaveglowSynthesisOptions['noise']>> {
  const npy = readNpy(await readInputFile(path), { name: path });
  if (npy.dtype !== 'float32' && npy.dtype !== 'float64') {
    throw new FormatError(
      'E_NPY_UNSUPPORTED',
      `${path} holds ${npy.dtype} values; --noise needs float32 [n_group, steps] (array.astype('float32')).`,
    );
  }
  return {
    data: npy.dtype === 'float32' ? npy.data : Float32Array.from(npy.data),
    shape: npy.shape,
  };
}

/**
 * The waveglow options the flags describe (undefined when none is given). `--noise` is read only
 * for the waveglow vocoder (diffwave reads its own).
 * @throws ConfigError `E_CLI_USAGE` for --sigma/--denoise given to another vocoder, bad numbers or
 * --noise with --seed; the npy reader's errors for the file.
 */
export async function waveglowOptions(
  flags: Flags,
  vocoder: string,
  command: string,
): Promise<WaveglowSynthesisOptions | undefined> {
  const given = (Object.keys(WAVEGLOW_FLAGS) as (keyof typeof WAVEGLOW_FLAGS)[]).filter(
    (k) => flags[k] !== undefined,
  );
  if (vocoder !== 'waveglow') {
    if (given.length > 0)
      usageError(`--${given[0]} applies to the waveglow vocoder, not ${vocoder}.`, command);
    return undefined;
  }
  if (flags.noise !== undefined && flags.seed !== undefined) {
    usageError(
      'Give either --seed or --noise: explicit noise replaces the seeded generator.',
      command,
    );
  }
  const options: WaveglowSynthesisOptions = {
    sigma: numberOption(flags.sigma, 'sigma', 0, 10, command),
    denoise: numberOption(flags.denoise, 'denoise', 0, 10, command),
    noise: flags.noise === undefined ? undefined : await readNoise(flags.noise),
  };
  const set = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return Object.keys(set).length === 0 ? undefined : set;
}
