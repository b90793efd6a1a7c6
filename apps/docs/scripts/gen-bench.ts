/**
 * The benchmark page, `benchmarks/index.md`, from apps/bench output: the newest committed run
 * (`apps/bench/results/<date>/`), else a local run (`results/latest/`, gitignored) marked as such.
 * The page is the run's results.md (tables) with its SVG charts copied beside it.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { rewriteLinks } from './gen-packages.js';
import { vueSafe } from './markdown.js';
import { DOCS_ROOT, REPO_ROOT } from './workspace.js';

/** Where the benchmark page and its charts go. */
export const BENCH_PAGE_DIR = join(DOCS_ROOT, 'benchmarks');

/** A run folder of apps/bench. */
export interface BenchRun {
  readonly dir: string;
  /** True for a committed dated run, false for the local `latest/`. */
  readonly committed: boolean;
}

/** The run the page shows: the newest dated folder holding results.json, else `latest/`. */
export function pickBenchRun(
  resultsDir = join(REPO_ROOT, 'apps', 'bench', 'results'),
): BenchRun | undefined {
  if (!existsSync(resultsDir)) return undefined;
  const dated = readdirSync(resultsDir)
    .filter(
      (name) =>
        /^\d{4}-\d{2}-\d{2}/.test(name) && existsSync(join(resultsDir, name, 'results.json')),
    )
    .sort()
    .reverse();
  if (dated[0] !== undefined) return { dir: join(resultsDir, dated[0]), committed: true };
  const latest = join(resultsDir, 'latest');
  return existsSync(join(latest, 'results.md')) ? { dir: latest, committed: false } : undefined;
}

interface RunFacts {
  schema?: number;
  startedAt?: string;
  machine?: { commit?: string; cpu?: string; cores?: number };
}

/** The Markdown of the benchmark page for `run` (or for no run at all). */
export function benchPage(run: BenchRun | undefined): string {
  const intro = [
    '# Benchmarks',
    '',
    'Measured by `apps/bench` (`pnpm bench`): DSP micro-benchmarks, vocoder real-time factor per model,',
    'backend and threads, streaming latency, memory and cold start, with peers (a naive ONNX export,',
    'PyTorch) measured in the same run; [how it measures](./method) is its README.',
    '',
  ];
  if (run === undefined) {
    return [
      ...intro,
      '::: warning No benchmark run yet',
      'This build found no run under `apps/bench/results/`. Run `pnpm bench` (results go to',
      '`apps/bench/results/latest/`) and rebuild the site; a representative run is committed as',
      '`apps/bench/results/<date>/`.',
      ':::',
      '',
    ].join('\n');
  }
  const markdown = readFileSync(join(run.dir, 'results.md'), 'utf8');
  const facts = JSON.parse(readFileSync(join(run.dir, 'results.json'), 'utf8')) as RunFacts;
  if (facts.schema !== 1)
    throw new Error(
      `${run.dir}/results.json has schema ${facts.schema}; this page reads schema 1.`,
    );
  const where = relative(REPO_ROOT, run.dir);
  const provenance = run.committed
    ? `::: info Committed run\nFrom \`${where}/\`: started ${facts.startedAt}, commit \`${facts.machine?.commit}\`, ${facts.machine?.cpu} (${facts.machine?.cores} cores).\n:::`
    : `::: warning Local run\nNo dated run is committed under \`apps/bench/results/\`; this page shows the local, uncommitted run in \`${where}/\` (started ${facts.startedAt}, commit \`${facts.machine?.commit}\`).\n:::`;
  const body = markdown.replace(/^# .*\n+/, '');
  return [...intro, provenance, '', vueSafe(body), ''].join('\n');
}

/** Writes the page, the harness's README as `method.md`, and copies the run's charts beside them. */
export function writeBenchPages(
  packageDirs: readonly string[],
  run = pickBenchRun(),
): BenchRun | undefined {
  rmSync(BENCH_PAGE_DIR, { recursive: true, force: true });
  mkdirSync(BENCH_PAGE_DIR, { recursive: true });
  writeFileSync(join(BENCH_PAGE_DIR, 'index.md'), benchPage(run));
  const app = join(REPO_ROOT, 'apps', 'bench');
  const readme = rewriteLinks(readFileSync(join(app, 'README.md'), 'utf8'), app, packageDirs);
  writeFileSync(
    join(BENCH_PAGE_DIR, 'method.md'),
    `---\ntitle: How the benchmarks measure\n---\n\n${vueSafe(readme)}\n`,
  );
  if (run !== undefined) {
    for (const name of readdirSync(run.dir)) {
      if (name.endsWith('.svg')) copyFileSync(join(run.dir, name), join(BENCH_PAGE_DIR, name));
    }
  }
  return run;
}
