/**
 * A fuzz campaign: inputs made by fast-check (mutations of real seed files, or a target's own
 * generator) run through one target in the fuzz child, within a run count and a time budget.
 * Every input that breaks the invariant is kept (a few per distinct failure) for the corpus.
 */
import fc from 'fast-check';
import { applyByteMutation, byteMutation } from './byte-mutations.js';
import type { FuzzChild, RunResult } from './fuzz-child-process.js';
import { isAcceptable, outcomeLabel } from './outcome.js';
import { applyValueMutation, valueMutation } from './value-mutations.js';

/** A named seed input. */
export interface Seed {
  readonly name: string;
  readonly value: unknown;
}

/** What to fuzz and for how long. */
export interface CampaignOptions {
  readonly target: string;
  readonly input: 'bytes' | 'json';
  readonly seeds: readonly Seed[];
  /** Extra inputs from scratch (e.g. random bytes behind a magic number), mixed in 1 time in 4. */
  readonly generate?: fc.Arbitrary<unknown>;
  readonly runs: number;
  readonly seconds: number;
  readonly timeoutMs: number;
  /** fast-check seed (reproducible campaigns). */
  readonly seed: number;
}

/** An input that broke the invariant. */
export interface Failure {
  readonly label: string;
  readonly input: unknown;
  readonly result: RunResult;
}

/** The campaign's outcome. */
export interface CampaignReport {
  readonly target: string;
  readonly seed: number;
  readonly inputs: number;
  readonly seconds: number;
  /** Outcome label -> count (`ok`, error codes, failures). */
  readonly outcomes: Readonly<Record<string, number>>;
  /** Slowest input, ms. */
  readonly slowestMs: number;
  /** Largest allocation asked for by one input, bytes. */
  readonly largestAllocation: number;
  readonly failures: readonly Failure[];
}

/** Failures kept per distinct label. */
const KEEP_PER_LABEL = 3;
const BATCH = 32;

function inputs(options: CampaignOptions): fc.Arbitrary<unknown> {
  const values = options.seeds.map((s) => s.value);
  const mutated =
    options.input === 'bytes'
      ? byteMutation.map((m) => applyByteMutation(values as Uint8Array[], m))
      : valueMutation.map((m) => applyValueMutation(values, m));
  const seeds = fc.constantFrom(...values);
  const parts = [
    { weight: 12, arbitrary: mutated },
    { weight: 1, arbitrary: seeds },
    ...(options.generate ? [{ weight: 4, arbitrary: options.generate }] : []),
  ];
  return fc.oneof(...parts);
}

/** Runs a campaign; resolves with its report (failures are reported, not thrown). */
export async function runCampaign(
  child: FuzzChild,
  options: CampaignOptions,
): Promise<CampaignReport> {
  if (options.seeds.length === 0) throw new Error(`no seeds for ${options.target}`);
  const arbitrary = inputs(options);
  const outcomes: Record<string, number> = {};
  const failures: Failure[] = [];
  const perLabel = new Map<string, number>();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  let count = 0;
  let slowestMs = 0;
  let largestAllocation = 0;
  for (let batch = 0; count < options.runs && performance.now() < deadline; batch++) {
    const values = fc.sample(arbitrary, { numRuns: BATCH, seed: options.seed + batch });
    for (const input of values) {
      if (count >= options.runs || performance.now() >= deadline) break;
      const result = await child.run(options.target, input, options.timeoutMs);
      count++;
      slowestMs = Math.max(slowestMs, result.ms);
      largestAllocation = Math.max(largestAllocation, result.allocated);
      const label = outcomeLabel(result.outcome);
      const key = isAcceptable(result.outcome) ? label : label.replace(/\d+/g, 'N');
      outcomes[key] = (outcomes[key] ?? 0) + 1;
      if (!isAcceptable(result.outcome) && (perLabel.get(key) ?? 0) < KEEP_PER_LABEL) {
        perLabel.set(key, (perLabel.get(key) ?? 0) + 1);
        failures.push({ label, input, result });
      }
    }
  }
  return {
    target: options.target,
    seed: options.seed,
    inputs: count,
    seconds: (performance.now() - started) / 1000,
    outcomes,
    slowestMs,
    largestAllocation,
    failures,
  };
}
