/**
 * Run by status.test.ts in a child process (the loader caches its result per process): prints the
 * loader's status and whether loadNativeKernels returned kernels, as one JSON line.
 */
import { loadNativeKernels, nativeStatus } from '../src/index.js';

process.stdout.write(
  `${JSON.stringify({ status: nativeStatus(), loaded: loadNativeKernels({ threads: 1 }) !== undefined })}\n`,
);
