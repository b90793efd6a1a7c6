/**
 * The API reference: TypeDoc over every package's public entry points (their `@voirs/source`
 * targets), rendered to Markdown by typedoc-plugin-markdown into `api/` with a VitePress sidebar
 * (typedoc-vitepress-theme). One page per entry point (`@voirs/dsp`, `@voirs/dsp/node`, …).
 * Generated at build time, never committed.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Application, Converter, ReflectionKind, type Context } from 'typedoc';
import { DOCS_ROOT, REPO_ROOT, type WorkspacePackage } from './workspace.js';

/** Where the API pages go. */
export const API_DIR = join(DOCS_ROOT, 'api');

/** What a run of TypeDoc reported. */
export interface ApiReport {
  readonly modules: readonly string[];
  /** TypeDoc's warnings about the comments, less the noise of merged declarations. */
  readonly warnings: readonly string[];
}

/**
 * Converts the packages' entry points and writes `api/`. Module names are the import specifiers.
 * @throws Error when TypeDoc reports errors or converts nothing.
 */
export async function generateApi(packages: readonly WorkspacePackage[]): Promise<ApiReport> {
  const entries = packages.flatMap((p) => p.entries);
  // TypeDoc names an entry module by its path below the common folder (`core/src/testing`)
  const base = join(REPO_ROOT, 'packages');
  const byDisplayName = new Map(
    entries.map((e) => [relative(base, e.source).replace(/(\/index)?\.ts$/, ''), e.specifier]),
  );
  rmSync(API_DIR, { recursive: true, force: true });
  const app = await Application.bootstrapWithPlugins({
    entryPoints: entries.map((e) => e.source),
    entryPointStrategy: 'resolve',
    tsconfig: join(DOCS_ROOT, 'tsconfig.api.json'),
    plugin: ['typedoc-plugin-markdown', 'typedoc-vitepress-theme'],
    out: API_DIR,
    docsRoot: DOCS_ROOT,
    name: 'API reference',
    readme: 'none',
    skipErrorChecking: true,
    excludePrivate: true,
    excludeInternal: true,
    sort: ['kind', 'alphabetical'],
    outputFileStrategy: 'modules',
    hidePageHeader: true,
    hideBreadcrumbs: true,
    useCodeBlocks: true,
    disableSources: true,
    logLevel: 'Error',
  } as Parameters<typeof Application.bootstrapWithPlugins>[0]);
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context: Context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const specifier = byDisplayName.get(module.name);
      if (specifier === undefined)
        throw new Error(`TypeDoc made an unexpected module ${module.name}`);
      module.name = specifier;
    }
  });
  // TypeDoc warns once per merged declaration (valibot-inferred types) that a comment was picked
  // arbitrarily; those are noise. The others (a @param naming no parameter…) are real.
  const warnings: string[] = [];
  app.logger.warn = (message: string) => {
    if (!message.includes('has multiple declarations with a comment')) warnings.push(message);
  };
  const project = await app.convert();
  if (project === undefined || app.logger.hasErrors()) {
    throw new Error('TypeDoc could not convert the packages (see the errors above).');
  }
  await app.generateOutputs(project);
  if (app.logger.hasErrors()) throw new Error('TypeDoc could not write the API pages.');
  // the sidebar as the repository's formatter writes JSON (the theme writes it on one line)
  const sidebar = join(API_DIR, 'typedoc-sidebar.json');
  writeFileSync(sidebar, `${JSON.stringify(JSON.parse(readFileSync(sidebar, 'utf8')), null, 2)}\n`);
  return { modules: (project.children ?? []).map((c) => c.name), warnings };
}
