/**
 * Plugin guide, backend example: a backend that wraps another and times every run. It depends on
 * @voirs/core's contracts only, so it works around backend-node, backend-web or a third party's.
 * `test/plugin-examples.test.ts` runs core's `testBackend` conformance suite against it.
 */
// #region backend
import type { Backend, RunOptions, Session, SessionOptions, Tensor } from '@voirs/core';

/** One timed run. */
export interface RunTiming {
  /** Wall time of `session.run`, in milliseconds. */
  readonly ms: number;
  readonly inputs: readonly string[];
}

/** Options of {@link createTimingBackend}. */
export interface TimingBackendOptions {
  /** Registry name (default `timed-<inner name>`). */
  readonly name?: string;
  /** Called after every successful run. */
  readonly onRun?: (timing: RunTiming) => void;
}

class TimedSession implements Session {
  constructor(
    private readonly inner: Session,
    private readonly onRun: (timing: RunTiming) => void,
  ) {}
  get inputNames() {
    return this.inner.inputNames;
  }
  get outputNames() {
    return this.inner.outputNames;
  }
  get metadata() {
    return this.inner.metadata;
  }
  async run(
    feeds: Readonly<Record<string, Tensor>>,
    options?: RunOptions,
  ): Promise<Record<string, Tensor>> {
    const start = performance.now();
    const out = await this.inner.run(feeds, options);
    this.onRun({ ms: performance.now() - start, inputs: Object.keys(feeds) });
    return out;
  }
  dispose(): Promise<void> {
    return this.inner.dispose();
  }
}

/** Wraps `inner`: same sessions, same errors, plus a timing of every run. */
export function createTimingBackend(inner: Backend, options: TimingBackendOptions = {}): Backend {
  if (inner === null || typeof inner !== 'object' || inner.kind !== 'backend') {
    throw new TypeError('createTimingBackend expects a Backend plugin to wrap');
  }
  const onRun = options.onRun ?? (() => {});
  return {
    kind: 'backend',
    name: options.name ?? `timed-${inner.name}`,
    priority: inner.priority,
    capabilities: inner.capabilities,
    description: `${inner.name}, with every run timed`,
    get executionProviders() {
      return inner.executionProviders;
    },
    init: () => inner.init?.(),
    async createSession(model: Uint8Array, sessionOptions?: SessionOptions): Promise<Session> {
      return new TimedSession(await inner.createSession(model, sessionOptions), onRun);
    },
  };
}
// #endregion backend
