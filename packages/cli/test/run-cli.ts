/** Runs the CLI in-process with captured output (test helper). */
import { Writable } from 'node:stream';
import { runCli } from '../src/index.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      stream.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

export async function cli(...argv: string[]): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, { stdout, stderr }, { signal: new AbortController().signal });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
