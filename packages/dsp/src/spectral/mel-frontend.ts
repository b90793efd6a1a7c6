/**
 * Validation of a {@link MelConvention} and the cached machinery that computes it: an
 * {@link StftPlan} with the convention's framing and its sparse {@link MelFilterbank}.
 */
import { ConfigError, MAX_SAMPLE_RATE, type MelConvention } from '@voirs/core';
import { melFilterbank, type MelFilterbank } from './mel-filterbank.js';
import { StftPlan } from './stft-plan.js';

const isInt = (v: unknown, min: number, max = 1 << 24): boolean =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Problems of a convention, one message per bad field; empty when it is usable. */
function conventionProblems(c: MelConvention): string[] {
  const p: string[] = [];
  if (!isInt(c.sampleRate, 1, MAX_SAMPLE_RATE))
    p.push(`sampleRate ${c.sampleRate} is not an integer in [1, ${MAX_SAMPLE_RATE}]`);
  if (!isInt(c.nFft, 2)) p.push(`nFft ${c.nFft} is not an integer >= 2`);
  if (!isInt(c.hop, 1)) p.push(`hop ${c.hop} is not a positive integer`);
  if (!isInt(c.win, 1, c.nFft)) p.push(`win ${c.win} is not an integer in [1, nFft]`);
  if (c.window !== 'hann') p.push(`window ${String(c.window)} is not 'hann'`);
  if (typeof c.center !== 'boolean') p.push('center is not a boolean');
  if (!isInt(c.padding, 0)) p.push(`padding ${c.padding} is not an integer >= 0`);
  if (c.power !== 1 && c.power !== 2) p.push(`power ${c.power} is not 1 or 2`);
  if (!isNum(c.magnitudeEps) || c.magnitudeEps < 0)
    p.push(`magnitudeEps ${c.magnitudeEps} is not a number >= 0`);
  if (typeof c.windowNormalized !== 'boolean') p.push('windowNormalized is not a boolean');
  if (!isInt(c.nMels, 1, 4096)) p.push(`nMels ${c.nMels} is not an integer in [1, 4096]`);
  if (!isNum(c.fmin) || !isNum(c.fmax) || c.fmin < 0 || c.fmax <= c.fmin)
    p.push(`fmin..fmax ${c.fmin}..${c.fmax} Hz is not an increasing range >= 0`);
  if (c.melScale !== 'slaney' && c.melScale !== 'htk')
    p.push(`melScale ${String(c.melScale)} is not 'slaney' or 'htk'`);
  if (c.filterNorm !== 'slaney' && c.filterNorm !== 'none')
    p.push(`filterNorm ${String(c.filterNorm)} is not 'slaney' or 'none'`);
  const log = c.log as MelConvention['log'] | undefined;
  if (
    log === undefined ||
    (log.base !== 'e' && log.base !== 10) ||
    !isNum(log.scale) ||
    log.scale === 0 ||
    !isNum(log.floor) ||
    log.floor <= 0
  ) {
    p.push('log must be { base: "e" | 10, scale: non-zero number, floor: number > 0 }');
  }
  const n = c.normalization;
  if (
    n !== 'none' &&
    (typeof n !== 'object' || n === null || !isNum(n.refDb) || !isNum(n.minDb) || n.minDb >= 0)
  ) {
    p.push("normalization must be 'none' or { refDb: number, minDb: number < 0 }");
  }
  return p;
}

/**
 * Checks that a convention can be computed.
 * @throws ConfigError `E_CONFIG_INVALID` listing every bad field.
 */
export function validateConvention(convention: MelConvention): void {
  if (convention === null || typeof convention !== 'object')
    throw new TypeError('convention must be a MelConvention object');
  const problems = conventionProblems(convention);
  if (problems.length > 0) {
    throw new ConfigError(
      'E_CONFIG_INVALID',
      `Invalid mel convention "${String(convention.name)}": ${problems.join('; ')}.`,
      {
        details: { problems },
      },
    );
  }
}

/** The STFT plan and filterbank of one convention. Not re-entrant (the plan has scratch). */
export interface MelFrontend {
  readonly plan: StftPlan;
  readonly bank: MelFilterbank;
  /** One past the highest bin any band uses: bins above it never reach the mel. */
  readonly usedBins: number;
}

const cache = new Map<string, MelFrontend>();
const CACHE_SIZE = 16;

/** The (cached) frontend of a validated convention; see {@link validateConvention}. */
export function melFrontend(convention: MelConvention): MelFrontend {
  validateConvention(convention);
  const key = JSON.stringify({ ...convention, name: '' });
  let frontend = cache.get(key);
  if (frontend === undefined) {
    const c = convention;
    const plan = new StftPlan({
      nFft: c.nFft,
      hop: c.hop,
      win: c.win,
      window: c.window,
      center: c.center,
      padMode: 'reflect',
      padding: c.padding,
      paddingMode: 'reflect',
      normalized: c.windowNormalized,
    });
    const bank = melFilterbank({
      sampleRate: c.sampleRate,
      nFft: c.nFft,
      nMels: c.nMels,
      fmin: c.fmin,
      fmax: c.fmax,
      melScale: c.melScale,
      filterNorm: c.filterNorm,
    });
    const usedBins = bank.end.reduce((a, b) => Math.max(a, b), 0);
    frontend = { plan, bank, usedBins };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, frontend);
  }
  return frontend;
}
