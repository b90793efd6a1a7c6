/**
 * Validation of core {@link SessionOptions} before they are mapped onto a runtime. Kept
 * byte-identical in both backend packages.
 */
import { ConfigError, type GraphOptimizationLevel, type SessionOptions } from '@voirs/core';

const LEVELS: readonly GraphOptimizationLevel[] = ['disabled', 'basic', 'extended', 'all'];
const KEYS: readonly (keyof SessionOptions)[] = [
  'intraOpThreads',
  'interOpThreads',
  'executionProviders',
  'graphOptimizationLevel',
  'enableCpuMemArena',
  'enableMemPattern',
  'profileFilePrefix',
  'extra',
];
/** More threads than this is a mistake, not a machine. */
const MAX_THREADS = 1024;

const invalid = (message: string): ConfigError => new ConfigError('E_CONFIG_INVALID', message);

function checkThreads(name: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number`);
  if (!Number.isInteger(value) || value < 0 || value > MAX_THREADS) {
    throw invalid(
      `${name} is ${value}; use an integer from 0 (the runtime's default) to ${MAX_THREADS}.`,
    );
  }
}

function checkBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean')
    throw new TypeError(`${name} must be a boolean`);
}

/**
 * Checks session options and returns them (absent: `{}`).
 * @throws TypeError for wrong field types; ConfigError `E_CONFIG_INVALID` for unknown fields and
 * out-of-range values.
 */
export function checkSessionOptions(options: unknown): SessionOptions {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError('session options must be an object');
  }
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw invalid(
        `Unknown session option "${key}". Known options: ${KEYS.join(', ')}; put runtime-specific ones in "extra".`,
      );
    }
  }
  checkThreads('intraOpThreads', o.intraOpThreads);
  checkThreads('interOpThreads', o.interOpThreads);
  checkBoolean('enableCpuMemArena', o.enableCpuMemArena);
  checkBoolean('enableMemPattern', o.enableMemPattern);
  const eps = o.executionProviders;
  if (eps !== undefined) {
    if (!Array.isArray(eps) || !eps.every((ep) => typeof ep === 'string')) {
      throw new TypeError('executionProviders must be an array of strings');
    }
    if (eps.length === 0 || eps.some((ep) => ep.length === 0)) {
      throw invalid(
        'executionProviders must name at least one provider and no empty names; omit it for the default.',
      );
    }
  }
  const level = o.graphOptimizationLevel;
  if (level !== undefined) {
    if (typeof level !== 'string') throw new TypeError('graphOptimizationLevel must be a string');
    if (!(LEVELS as readonly string[]).includes(level)) {
      throw invalid(`graphOptimizationLevel "${level}" is not one of ${LEVELS.join(', ')}.`);
    }
  }
  const prefix = o.profileFilePrefix;
  if (prefix !== undefined) {
    if (typeof prefix !== 'string') throw new TypeError('profileFilePrefix must be a string');
    if (prefix.length === 0)
      throw invalid('profileFilePrefix is empty; give a path prefix or omit it.');
  }
  const extra = o.extra;
  if (
    extra !== undefined &&
    (extra === null || typeof extra !== 'object' || Array.isArray(extra))
  ) {
    throw new TypeError('extra must be an object');
  }
  return o as SessionOptions;
}
