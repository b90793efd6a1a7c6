#!/usr/bin/env node
// Launcher of the `voirs-vocoder` command. Inside the repository (src/ present, tsx installed) it runs
// the TypeScript sources directly, resolving workspace packages through their `@voirs/source` export
// condition, so no build step is ever needed; an installed package runs its compiled dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

const source = new URL('../src/main.ts', import.meta.url);
let entry;
if (existsSync(source) && !process.env.VOIRS_USE_DIST) {
  register('./source-condition-hook.js', import.meta.url);
  const tsx = await import('tsx/esm/api');
  tsx.register();
  entry = await import(source.href);
} else {
  entry = await import('../dist/main.js');
}
process.exitCode = await entry.runCli(process.argv.slice(2));
