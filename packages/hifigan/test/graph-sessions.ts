/** The onnxruntime-node backend the graph tests run on, and helpers around its sessions. */
import { afterAll } from 'vitest';
import type { Backend, Session, SessionOptions, Tensor } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';

export const backend = createNodeBackend();

const sessions: Session[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.dispose()));
});

/** Runs `onnx` once in a one-thread session (disposed after the test file) and returns its outputs. */
export async function runGraph(
  onnx: Uint8Array,
  feeds: Record<string, Tensor>,
): Promise<Record<string, { data: Float32Array }>> {
  const session = await backend.createSession(onnx, { intraOpThreads: 1 });
  sessions.push(session);
  return (await session.run(feeds)) as Record<string, { data: Float32Array }>;
}

/**
 * The backend, reporting `blockChannels` as its layout, offering no native kernels (so that the
 * vocoder runs whole graphs) and recording every graph it is given (in `created`) and the shape of
 * the `mel` fed to each run of its sessions (in `runs`).
 */
export function spyBackend(
  blockChannels: number | undefined,
  created: Uint8Array[],
  runs: (readonly number[])[] = [],
): Backend {
  return {
    ...backend,
    name: 'spy',
    convolutionLayout: () => (blockChannels === undefined ? undefined : { blockChannels }),
    nativeKernels: () => undefined,
    createSession: async (bytes: Uint8Array, options?: SessionOptions) => {
      created.push(bytes);
      const session = await backend.createSession(bytes, options);
      return {
        inputNames: session.inputNames,
        outputNames: session.outputNames,
        metadata: session.metadata,
        run: (feeds, runOptions) => {
          if (feeds.mel !== undefined) runs.push(feeds.mel.dims);
          return session.run(feeds, runOptions);
        },
        dispose: () => session.dispose(),
      } satisfies Session;
    },
  };
}
