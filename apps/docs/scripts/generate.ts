/**
 * Generates the parts of the site that come from the code: package pages (READMEs), the CLI
 * reference (help texts), tables (presets, error codes, plugins), the benchmark page (apps/bench
 * output) and the API reference (TypeDoc). Run before `vitepress build`/`dev`; the output is
 * gitignored. `tsx --conditions=@voirs/source scripts/generate.ts`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateApi } from './gen-api.js';
import { writeBenchPages } from './gen-bench.js';
import { cliPages, type GeneratedPage } from './gen-cli.js';
import { corePartPages } from './gen-core-tables.js';
import { packagePage, packagePath, readmeParts } from './gen-packages.js';
import { DOCS_ROOT, listPackages } from './workspace.js';

/** Folders of the docs tree that hold only generated files. */
export const GENERATED_DIRS = ['packages', 'reference/cli', '_parts', 'benchmarks', 'api'] as const;

function write(pages: readonly GeneratedPage[]): void {
  for (const page of pages) {
    const path = join(DOCS_ROOT, page.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, page.markdown);
  }
}

const started = performance.now();
for (const dir of GENERATED_DIRS) rmSync(join(DOCS_ROOT, dir), { recursive: true, force: true });
const packages = listPackages();
const dirs = packages.map((p) => p.dir);
write(packages.map((p) => ({ path: `packages/${p.dir}.md`, markdown: packagePage(p, dirs) })));
write(packages.flatMap((p) => readmeParts(p, dirs)));
const cli = await cliPages();
write(cli);
write(corePartPages());
const sidebar = {
  packages: packages.map((p) => ({ text: p.name, link: packagePath(p.dir) })),
  cli: cli.slice(1).map((p) => ({
    text: p.path.replace(/^.*\/(.*)\.md$/, '$1'),
    link: `/${p.path.replace(/\.md$/, '')}`,
  })),
};
write([{ path: '_parts/sidebar.json', markdown: `${JSON.stringify(sidebar, null, 2)}\n` }]);
const run = writeBenchPages(dirs);
const api = await generateApi(packages);
console.log(
  `[docs] generated ${packages.length} package pages, ${cli.length} CLI pages, ` +
    `benchmarks from ${run === undefined ? 'no run' : run.dir}, API of ${api.modules.length} entry points ` +
    `(${api.warnings.length} TypeDoc warnings) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
for (const warning of api.warnings) console.warn(`[docs] TypeDoc: ${warning}`);
