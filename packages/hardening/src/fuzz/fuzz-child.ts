/**
 * The fuzz child process: runs one input at a time through a target and reports what happened,
 * with the array bytes the run asked for. The allocation counter is installed before any library
 * is imported. Started by {@link FuzzChild}; not an entry point for people.
 */
import { installAllocationCounter, takeAllocated } from './allocation-counter.js';
import type { Outcome } from './outcome.js';

installAllocationCounter();

const { fuzzTarget } = await import('../targets/index.js');
const { classifyError } = await import('./outcome.js');

/** A request from the parent. */
interface Request {
  readonly id: number;
  readonly target: string;
  readonly input: unknown;
}

let unhandled: unknown;
process.on('unhandledRejection', (reason) => {
  unhandled ??= reason ?? new Error('unhandled rejection with no reason');
});
process.on('uncaughtException', (error) => {
  unhandled ??= error;
});

function inputSize(input: unknown): number {
  if (input instanceof Uint8Array) return input.length;
  try {
    return (JSON.stringify(input) ?? '').length;
  } catch {
    return 0;
  }
}

async function handle(request: Request): Promise<void> {
  const target = fuzzTarget(request.target);
  unhandled = undefined;
  takeAllocated();
  const started = performance.now();
  let outcome: Outcome;
  try {
    await target.run(request.input);
    outcome = { kind: 'ok' };
  } catch (error) {
    outcome = classifyError(error);
  }
  const ms = performance.now() - started;
  const allocated = takeAllocated();
  await new Promise((resolve) => setImmediate(resolve)); // let stray rejections surface
  if (unhandled !== undefined) {
    const crash = classifyError(unhandled);
    outcome =
      crash.kind === 'crash'
        ? { ...crash, name: `unhandled ${crash.name}` }
        : {
            kind: 'crash',
            name: 'unhandled rejection',
            message: String((unhandled as Error).message),
          };
  }
  const limit = target.allocationLimit(inputSize(request.input));
  if (allocated > limit && (outcome.kind === 'ok' || outcome.kind === 'error'))
    outcome = { kind: 'alloc', allocated, limit };
  process.send!({ id: request.id, outcome, ms, allocated });
}

let queue = Promise.resolve();
process.on('message', (request: Request) => {
  queue = queue.then(() => handle(request));
});
process.send!({ ready: true });
