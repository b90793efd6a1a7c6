/**
 * What the generators need to know about the workspace: its packages, their public entry points
 * (the `@voirs/source` targets of their `exports`) and their READMEs.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** The docs app (VitePress source folder). */
export const DOCS_ROOT = join(REPO_ROOT, 'apps', 'docs');

/** One public entry point of a package. */
export interface PackageEntry {
  /** Import specifier, e.g. `@voirs/dsp/node`. */
  readonly specifier: string;
  /** Absolute path of its TypeScript source. */
  readonly source: string;
}

/** A workspace package under `packages/`. */
export interface WorkspacePackage {
  /** Folder name, e.g. `backend-web`. */
  readonly dir: string;
  /** npm name, e.g. `@voirs/backend-web`. */
  readonly name: string;
  readonly description: string;
  /** README.md text, when the package has one. */
  readonly readme: string | undefined;
  /** Public entries, the main one first; `register` side-effect entries are left out. */
  readonly entries: readonly PackageEntry[];
}

interface PackageJson {
  name?: string;
  description?: string;
  private?: boolean;
  exports?: Record<string, Record<string, string> | string>;
}

/** The packages of `packages/`, sorted by folder name. */
export function listPackages(root = REPO_ROOT): WorkspacePackage[] {
  const base = join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'package.json')))
    .map((d) => readPackage(join(base, d.name), d.name))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

function readPackage(path: string, dir: string): WorkspacePackage {
  const json = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as PackageJson;
  if (typeof json.name !== 'string') throw new Error(`${path}/package.json has no name`);
  const name = json.name;
  const entries = Object.entries(json.exports ?? {})
    .filter(([subpath]) => subpath !== './register' && !subpath.endsWith('.json'))
    .flatMap(([subpath, target]) => {
      const source = typeof target === 'object' ? target['@voirs/source'] : undefined;
      if (source === undefined) return [];
      const specifier = subpath === '.' ? name : `${name}/${subpath.slice(2)}`;
      return [{ specifier, source: join(path, source) }];
    });
  const readmePath = join(path, 'README.md');
  return {
    dir,
    name,
    description: json.description ?? '',
    readme: existsSync(readmePath) ? readFileSync(readmePath, 'utf8') : undefined,
    entries,
  };
}
