/**
 * How long and how hard the suites run. CI mode (the default) keeps the whole hardening project
 * under about two minutes; `pnpm fuzz` sets `FUZZ_MODE=long` and the same suites scale up.
 *
 * | variable | CI default | long default | meaning |
 * | --- | --- | --- | --- |
 * | `FUZZ_MODE` | `ci` | `long` | picks the defaults below |
 * | `FUZZ_RUNS` | 150 | unlimited | inputs per fuzz target (a cap; the time budget usually ends first) |
 * | `FUZZ_SECONDS` | 2.5 | 60 | time budget per fuzz target |
 * | `FUZZ_TIMEOUT_MS` | 10000 | 10000 | one input taking longer is a hang (the child is killed) |
 * | `SOAK_SECONDS` | 20 | 1800 | length of the streaming soak |
 * | `LEAK_CYCLES` | 1000 | 1000 | create/vocode/dispose cycles of the leak test |
 * | `KILL_POINTS` | 2 | 8 | SIGKILL points per command of the no-data-loss test |
 */

/** Resolved settings. */
export interface HardeningSettings {
  readonly mode: 'ci' | 'long';
  readonly fuzzRuns: number;
  readonly fuzzSeconds: number;
  readonly fuzzTimeoutMs: number;
  readonly soakSeconds: number;
  readonly leakCycles: number;
  readonly killPoints: number;
}

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}

/** Reads the settings from the environment (see the module comment). */
export function hardeningSettings(): HardeningSettings {
  const mode = process.env.FUZZ_MODE === 'long' ? 'long' : 'ci';
  const long = mode === 'long';
  return {
    mode,
    fuzzRuns: Math.floor(positive('FUZZ_RUNS', long ? Number.MAX_SAFE_INTEGER : 150)),
    fuzzSeconds: positive('FUZZ_SECONDS', long ? 60 : 2.5),
    fuzzTimeoutMs: positive('FUZZ_TIMEOUT_MS', 10_000),
    soakSeconds: positive('SOAK_SECONDS', long ? 1800 : 20),
    leakCycles: Math.floor(positive('LEAK_CYCLES', 1000)),
    killPoints: Math.floor(positive('KILL_POINTS', long ? 8 : 2)),
  };
}
