// The task entry piscina loads in every worker thread of a @voirs/batch pool. Module hooks do not
// follow a program into its worker threads, so inside the repository (src/ present, tsx installed)
// this registers tsx and the `@voirs/source` condition hook here, as packages/cli/bin/voirs-vocoder.js
// does for the main thread, and runs the TypeScript sources; an installed package runs dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

let task;

async function load() {
  const source = new URL('../src/worker-task.ts', import.meta.url);
  if (existsSync(source) && !process.env.VOIRS_USE_DIST) {
    register('./source-condition-hook.js', import.meta.url);
    const tsx = await import('tsx/esm/api');
    tsx.register();
    return (await import(source.href)).runWorkerTask;
  }
  return (await import('../dist/worker-task.js')).runWorkerTask;
}

export default async function runTask(message) {
  task ??= load();
  return (await task)(message);
}
