/**
 * Fails the current test file on any unhandled promise rejection (and uncaught exception) in this
 * process: the suites install it so that a fire-and-forget promise that rejects anywhere in the
 * libraries is a test failure, not a warning.
 */
import { afterAll, beforeAll, expect } from 'vitest';

/** Installs the process-level listeners for the file; `afterAll` asserts that none fired. */
export function guardRejections(): void {
  const seen: unknown[] = [];
  const onRejection = (reason: unknown) => seen.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onRejection);
  });
  afterAll(async () => {
    await new Promise((resolve) => setTimeout(resolve, 50)); // let late rejections surface
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onRejection);
    expect(
      seen.map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e))),
      'unhandled rejections',
    ).toEqual([]);
  });
}
