/**
 * Every fuzz target by name.
 */
import { CONFIG_TARGETS } from './config-targets.js';
import { FILE_TARGETS } from './file-targets.js';
import { HARNESS_PROBES } from './harness-probes.js';
import { MODEL_TARGETS } from './model-targets.js';
import { SYNTHESIS_TARGETS } from './synthesis-targets.js';
import type { FuzzTarget } from './target.js';

export type { FuzzTarget } from './target.js';

/** All targets, files first. */
export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  ...FILE_TARGETS,
  ...MODEL_TARGETS,
  ...CONFIG_TARGETS,
  ...SYNTHESIS_TARGETS,
];

/** The target called `name` (a campaign target, or one of the harness probes). */
export function fuzzTarget(name: string): FuzzTarget {
  const target = [...FUZZ_TARGETS, ...HARNESS_PROBES].find((t) => t.name === name);
  if (target === undefined) throw new Error(`no fuzz target "${name}"`);
  return target;
}
