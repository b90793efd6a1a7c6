/**
 * Targets that misbehave on purpose, so that the harness itself is tested: a hang, an allocation
 * beyond the bound, a non-VocoderError exception, an unhandled rejection and a dying process must
 * each be reported as such (test/harness.test.ts). Never part of a campaign.
 */
import { InputError } from '@voirs/core';
import { MIB, type FuzzTarget } from './target.js';

const probe = (name: string, run: () => unknown): FuzzTarget => ({
  name: `probe-${name}`,
  input: 'json',
  run,
  allocationLimit: () => MIB,
});

export const HARNESS_PROBES: readonly FuzzTarget[] = [
  probe('ok', () => undefined),
  probe('typed-error', () => {
    throw new InputError('E_INVALID_ARGUMENT', 'a probe');
  }),
  probe('hang', () => {
    for (;;) {
      // spins until the parent's timeout kills the child
    }
  }),
  probe('alloc', () => {
    const big = new Uint8Array(32 * MIB);
    throw new InputError('E_INVALID_ARGUMENT', `a probe that asked for ${big.length} bytes first`);
  }),
  probe('crash', () => {
    throw new TypeError('a probe');
  }),
  probe('unhandled', () => {
    void Promise.reject(new Error('a probe'));
  }),
  probe('died', () => process.kill(process.pid, 'SIGKILL')),
];
