/**
 * One page per workspace package, `packages/<dir>.md`, made from the package's own README (links
 * rewritten for the site, made safe for VitePress) plus links to its API reference. A package
 * without a README gets its package.json description and the `@packageDocumentation` comment of
 * its main entry, and says that it has no README.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { GeneratedPage } from './gen-cli.js';
import { sections, vueSafe } from './markdown.js';
import { REPO_ROOT, type WorkspacePackage } from './workspace.js';

/** The site path of a package page. */
export const packagePath = (dir: string): string => `/packages/${dir}`;
/** The site path of an entry point's API page. */
export const apiPath = (specifier: string): string => `/api/${specifier}`;

/**
 * Rewrites the relative links of a README that lives in the folder `base`: links to a
 * package (its folder or README) go to that package's page; links to other repository files
 * become their repository path in code (the site does not serve them). Absolute URLs and anchors
 * are kept.
 */
export function rewriteLinks(
  markdown: string,
  base: string,
  packageDirs: readonly string[],
  root = REPO_ROOT,
): string {
  return markdown.replace(
    /(!?)\[([^\]]*)\]\(([^)\s]+)\)/g,
    (whole, bang: string, text: string, target: string) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('/'))
        return whole;
      const [path = ''] = target.split('#');
      const inRepo = relative(root, resolve(base, path));
      const pkg = /^packages\/([^/]+)(\/README\.md)?\/?$/.exec(inRepo)?.[1];
      if (bang === '' && pkg !== undefined && packageDirs.includes(pkg))
        return `[${text}](${packagePath(pkg)})`;
      if (inRepo.startsWith('..'))
        throw new Error(
          `${relative(root, base)}/README.md links outside the repository: ${target}`,
        );
      const label = text.replace(/^`|`$/g, '');
      return label === inRepo
        ? `\`${inRepo}\` (in the repository)`
        : `${text} (\`${inRepo}\` in the repository)`;
    },
  );
}

/** The text of the first JSDoc block of a file, without its block tags (`@packageDocumentation`…). */
export function fileComment(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  const block = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(path, 'utf8'))?.[1];
  if (block === undefined) return undefined;
  return block
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .filter((l) => !/^@[A-Za-z]+(\s|$)/.test(l)) // block tags, not `@voirs/core: …`
    .join('\n')
    .trim();
}

/** The Markdown page of one package. */
export function packagePage(pkg: WorkspacePackage, packageDirs: readonly string[]): string {
  const api = pkg.entries.map((e) => `[\`${e.specifier}\`](${apiPath(e.specifier)})`).join(', ');
  const footer =
    pkg.entries.length > 0
      ? `## API reference\n\nGenerated from the TSDoc comments: ${api}.`
      : '## API reference\n\nThis package exports no modules (its package.json has no `exports`).';
  const front = `---\ntitle: '${pkg.name}'\n---\n\n`;
  if (pkg.readme !== undefined) {
    const body = rewriteLinks(pkg.readme, join(REPO_ROOT, 'packages', pkg.dir), packageDirs);
    return `${front}${vueSafe(body)}\n\n${footer}\n`;
  }
  const main = pkg.entries[0];
  const comment = main === undefined ? undefined : fileComment(main.source);
  const sources = [
    'its package.json description',
    ...(comment === undefined
      ? []
      : [`the module comment of \`${relative(REPO_ROOT, main!.source)}\``]),
  ];
  return [
    `${front}# ${pkg.name}`,
    '',
    vueSafe([pkg.description, comment].filter(Boolean).join('\n\n')),
    '',
    `::: info No README yet\nThis package has no README.md (\`packages/${pkg.dir}\`); the text above is ${sources.join(' and ')}.\n:::`,
    '',
    footer,
    '',
  ].join('\n');
}

/**
 * Parts of a README other pages include (`_parts/readme/<dir>-intro.md`: the text under the title;
 * `<dir>-usage.md`: the "Usage" section), so that the vocoder pages quote the package docs instead
 * of repeating them. Packages without a README, or without such a section, give fewer parts.
 */
export function readmeParts(
  pkg: WorkspacePackage,
  packageDirs: readonly string[],
): GeneratedPage[] {
  if (pkg.readme === undefined) return [];
  const text = rewriteLinks(pkg.readme, join(REPO_ROOT, 'packages', pkg.dir), packageDirs);
  const { intro, sections: parts } = sections(text);
  const pages = [
    {
      path: `_parts/readme/${pkg.dir}-intro.md`,
      markdown: `${vueSafe(intro.replace(/^# .*\n+/, ''))}\n`,
    },
  ];
  const usage = parts.find((s) => s.title === 'Usage');
  if (usage !== undefined)
    pages.push({ path: `_parts/readme/${pkg.dir}-usage.md`, markdown: `${vueSafe(usage.body)}\n` });
  return pages;
}
