/**
 * The CLI reference, made from the CLI's own help texts: `voirs-vocoder --help` (captured from
 * `runCli`) for the index, and each command's `help` (the text `voirs-vocoder <command> --help`
 * prints) for its page.
 */
import { Writable } from 'node:stream';
import { COMMANDS, runCli, type Command } from '@voirs/cli';
import { codeBlock, table } from './markdown.js';

/** A generated page: its path below the docs root and its Markdown. */
export interface GeneratedPage {
  readonly path: string;
  readonly markdown: string;
}

/** Runs the CLI in-process and returns what it printed on stdout, failing on a non-zero exit. */
export async function captureCli(argv: readonly string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(argv, {
    stdout: sink((t) => (stdout += t)),
    stderr: sink((t) => (stderr += t)),
  });
  if (code !== 0) throw new Error(`voirs-vocoder ${argv.join(' ')} exited with ${code}: ${stderr}`);
  return stdout;
}

/** The pages of the CLI reference: `reference/cli/index.md` and one per command. */
export async function cliPages(commands: readonly Command[] = COMMANDS): Promise<GeneratedPage[]> {
  const main = await captureCli(['--help']);
  const index = [
    '# Command line',
    '',
    'Generated from the CLI itself: the text below is what `voirs-vocoder --help` prints, and each',
    "command's page is its `voirs-vocoder <command> --help`.",
    '',
    codeBlock(main, 'text'),
    '',
    table(
      ['command', 'what it does'],
      commands.map((c) => [`[\`${c.name}\`](./${c.name})`, c.summary]),
    ),
    '',
    'Inside this repository, `pnpm exec voirs-vocoder` runs the CLI from its TypeScript sources.',
    '',
  ].join('\n');
  const pages: GeneratedPage[] = [{ path: 'reference/cli/index.md', markdown: index }];
  for (const command of commands) {
    const help = await captureCli([command.name, '--help']);
    pages.push({
      path: `reference/cli/${command.name}.md`,
      markdown: [
        `# voirs-vocoder ${command.name}`,
        '',
        `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
        '',
        codeBlock(help, 'text'),
        '',
      ].join('\n'),
    });
  }
  return pages;
}
