/**
 * Entry point of `pnpm bench` / `pnpm bench:check` (see README.md). Ctrl-C stops the running
 * measurement and its child processes.
 */
import { VocoderError } from '@voirs/core';
import { runApp } from './app.js';

const controller = new AbortController();
const stop = () => controller.abort(new VocoderError('E_ABORTED', 'Interrupted.'));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.exitCode = await runApp(
  process.argv.slice(2),
  { stdout: process.stdout, stderr: process.stderr },
  { signal: controller.signal },
);
