/**
 * The generators of the site's derived pages: Markdown safety, README link rewriting, the CLI
 * reference from the real help texts, the package pages and the benchmark page.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMANDS } from '@voirs/cli';
import { ERROR_CODES } from '@voirs/core';
import { describe, expect, it } from 'vitest';
import { benchPage, pickBenchRun } from '../scripts/gen-bench.js';
import { cliPages } from '../scripts/gen-cli.js';
import { errorCodeTable, presetTable, vocoderOverview } from '../scripts/gen-core-tables.js';
import { packagePage, readmeParts, rewriteLinks } from '../scripts/gen-packages.js';
import { codeBlock, sections, vueSafe } from '../scripts/markdown.js';
import { REPO_ROOT, listPackages } from '../scripts/workspace.js';

describe('markdown helpers', () => {
  it('escapes tags in prose, keeps code, and wraps the text in a v-pre container', () => {
    const out = vueSafe(
      'A `Map<K, V>` maps keys: Map<K, V>.\n\n```ts\nconst m = new Map<K, V>();\n```\n{{ x }}',
    );
    expect(out).toBe(
      '::: v-pre\nA `Map<K, V>` maps keys: Map&lt;K, V>.\n\n```ts\nconst m = new Map<K, V>();\n```\n{{ x }}\n:::',
    );
  });

  it('fences code with more backticks than it holds', () => {
    expect(codeBlock('a ``` b', 'text')).toBe('````text\na ``` b\n````');
    expect(codeBlock('plain')).toBe('```\nplain\n```');
  });

  it('splits at level-2 headings outside code', () => {
    const { intro, sections: parts } = sections(
      '# T\n\nintro\n\n## Usage\n\n```sh\n## not a heading\n```\n\n## Errors\n\nnone',
    );
    expect(intro).toBe('# T\n\nintro');
    expect(parts.map((s) => s.title)).toEqual(['Usage', 'Errors']);
    expect(parts[0]!.body).toContain('## not a heading');
  });
});

describe('package pages', () => {
  const dirs = ['backend-node', 'backend-web', 'catalog'];
  const base = join(REPO_ROOT, 'packages', 'catalog');

  it('points links to packages at their pages and names other repository files', () => {
    expect(rewriteLinks('see [`@voirs/backend-node`](../backend-node)', base, dirs)).toBe(
      'see [`@voirs/backend-node`](/packages/backend-node)',
    );
    expect(rewriteLinks('[web](../backend-web/README.md#errors)', base, dirs)).toBe(
      '[web](/packages/backend-web)',
    );
    expect(rewriteLinks('in [`models/README.md`](../../models/README.md).', base, dirs)).toBe(
      'in `models/README.md` (in the repository).',
    );
    expect(rewriteLinks('[the schema](../../models/README.md)', base, dirs)).toBe(
      'the schema (`models/README.md` in the repository)',
    );
    expect(rewriteLinks('[npm](https://www.npmjs.com) [below](#errors)', base, dirs)).toBe(
      '[npm](https://www.npmjs.com) [below](#errors)',
    );
    expect(() => rewriteLinks('[x](../../../elsewhere.md)', base, dirs)).toThrow(
      /outside the repository/,
    );
  });

  it('makes a page of every package, from its README or its description', () => {
    const packages = listPackages();
    const names = packages.map((p) => p.dir);
    expect(names).toEqual(
      expect.arrayContaining(['core', 'dsp', 'hifigan', 'backend-web', 'streaming', 'cli']),
    );
    for (const pkg of packages) {
      const page = packagePage(pkg, names);
      expect(page).toContain(`title: '${pkg.name}'`);
      if (pkg.entries.length > 0) expect(page).toContain(`[\`${pkg.name}\`](/api/${pkg.name})`);
      else expect(page).toContain('exports no modules');
      if (pkg.readme === undefined) {
        expect(page).toContain('No README yet');
        expect(page).toContain(pkg.description);
      }
    }
    const core = packages.find((p) => p.dir === 'core')!;
    if (core.readme === undefined)
      expect(packagePage(core, names)).toContain('@voirs/core: the contracts');
    const dsp = packages.find((p) => p.dir === 'dsp')!;
    expect(dsp.entries.map((e) => e.specifier)).toEqual(['@voirs/dsp', '@voirs/dsp/node']);
    expect(readmeParts(dsp, names).map((p) => p.path)).toContain('_parts/readme/dsp-usage.md');
  });
});

describe('tables from the code', () => {
  it('lists every error code, every preset field and every vocoder', () => {
    const codes = errorCodeTable();
    for (const code of Object.keys(ERROR_CODES)) expect(codes).toContain(`\`${code}\``);
    expect(presetTable()).toContain('| `hop` | `256` | `256` | `256` |');
    expect(vocoderOverview().split('\n')).toHaveLength(2 + 4);
  });
});

describe('CLI reference', () => {
  it("has an index with the CLI's --help and one page per command with its help text", async () => {
    const pages = await cliPages();
    expect(pages[0]!.path).toBe('reference/cli/index.md');
    expect(pages[0]!.markdown).toContain('Usage: voirs-vocoder <command> [options]');
    expect(pages.slice(1).map((p) => p.path)).toEqual(
      COMMANDS.map((c) => `reference/cli/${c.name}.md`),
    );
    for (const command of COMMANDS) {
      const page = pages.find((p) => p.path === `reference/cli/${command.name}.md`)!;
      expect(page.markdown).toContain(command.help);
    }
  });
});

describe('benchmark page', () => {
  function runFolder(name: string): string {
    const root = mkdtempSync(join(tmpdir(), 'voirs-docs-bench-'));
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'results.json'),
      JSON.stringify({
        schema: 1,
        startedAt: '2025-01-02T03:04:05Z',
        machine: { commit: 'abc1234', cpu: 'Test CPU', cores: 2 },
      }),
    );
    writeFileSync(
      join(dir, 'results.md'),
      '# voirs-vocoder benchmark\n\n## Targets\n\n| target | goal |\n| --- | --- |\n| RTF | ≤ 0.015 |\n\n![RTF](rtf.svg)\n',
    );
    writeFileSync(join(dir, 'rtf.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    return root;
  }

  it('shows the newest dated run, with its provenance and tables', () => {
    const root = runFolder('2025-01-02');
    mkdirSync(join(root, '2024-12-31'));
    writeFileSync(join(root, '2024-12-31', 'results.json'), '{}');
    const run = pickBenchRun(root);
    expect(run).toEqual({ dir: join(root, '2025-01-02'), committed: true });
    const page = benchPage(run);
    expect(page).toContain('::: info Committed run');
    expect(page).toContain('commit `abc1234`');
    expect(page).toContain('| RTF | ≤ 0.015 |');
    expect(page).toContain('![RTF](rtf.svg)');
    expect(page).not.toContain('# voirs-vocoder benchmark');
  });

  it('falls back to a local run, marked as such, and says when there is none', () => {
    const root = runFolder('latest');
    expect(pickBenchRun(root)).toEqual({ dir: join(root, 'latest'), committed: false });
    expect(benchPage(pickBenchRun(root))).toContain('::: warning Local run');
    expect(pickBenchRun(join(root, 'missing'))).toBeUndefined();
    expect(benchPage(undefined)).toContain('No benchmark run yet');
  });
});
