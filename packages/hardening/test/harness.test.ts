/**
 * The fuzz harness catches what it claims to: each probe target misbehaves in one way and must be
 * reported as exactly that failure, after which the (restarted) child serves the next input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FuzzChild } from '../src/fuzz/fuzz-child-process.js';
import { isAcceptable } from '../src/fuzz/outcome.js';

const child = new FuzzChild();
beforeAll(() => child.ready());
afterAll(() => child.close());

describe('fuzz harness', () => {
  it.each([
    ['probe-ok', 'ok', true],
    ['probe-typed-error', 'error', true],
    ['probe-hang', 'hang', false],
    ['probe-alloc', 'alloc', false],
    ['probe-crash', 'crash', false],
    ['probe-unhandled', 'crash', false],
    ['probe-died', 'died', false],
  ] as const)('%s is reported as %s', async (target, kind, acceptable) => {
    const result = await child.run(target, null, 3000);
    expect(result.outcome.kind).toBe(kind);
    expect(isAcceptable(result.outcome)).toBe(acceptable);
    expect((await child.run('probe-ok', null, 10_000)).outcome.kind).toBe('ok');
  });

  it('counts the bytes an input asks for', async () => {
    const result = await child.run('probe-alloc', null, 10_000);
    expect(result.allocated).toBeGreaterThanOrEqual(32 * 2 ** 20);
    expect(result.outcome).toMatchObject({ kind: 'alloc', limit: 2 ** 20 });
  });
});
