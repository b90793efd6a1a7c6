/** The CLI version, read from the package manifest (same relative path from src/ and dist/). */
import { createRequire } from 'node:module';

export const VERSION: string = (
  createRequire(import.meta.url)('../package.json') as { version: string }
).version;
