/**
 * Worker: runs one of @voirs/dsp's tinybench micro-benchmark scripts (packages/dsp/bench/*.bench.ts)
 * unchanged and captures what it measured, then prints it as JSON:
 * `{ tasks: [{ name, stats | error }], tables: [rows], log: [lines] }` (stats in milliseconds).
 *
 * The scripts create their own `Bench`, run it and print `console.table(bench.table())`. This worker
 * wraps `Bench.prototype.run` of the very tinybench module the script resolves (same file, same
 * module instance) to collect every task's raw latency samples, and collects the script's console
 * output instead of printing it: tables that are not tinybench's own become extra tables.
 *
 *   node --conditions=@voirs/source --import tsx dsp-capture.ts BENCH_FILE
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { summarize, type SampleStats as Stats } from '@voirs/cli/bench-stats';

interface CapturedTask {
  readonly name: string;
  readonly stats?: Stats;
  readonly error?: string;
}
interface TaskLike {
  readonly name: string;
  readonly result?: {
    readonly latency?: { readonly samples: readonly number[] };
    readonly error?: unknown;
  };
}
interface BenchClass {
  prototype: { run(this: unknown): Promise<TaskLike[]>; runSync(this: unknown): TaskLike[] };
}

const file = process.argv[2]!;
const tinybench = createRequire(file).resolve('tinybench');
const { Bench } = (await import(pathToFileURL(tinybench).href)) as { Bench: BenchClass };

const tasks: CapturedTask[] = [];
const record = (list: readonly TaskLike[]) => {
  for (const task of list) {
    const error = task.result?.error;
    const samples = task.result?.latency?.samples;
    if (error !== undefined)
      tasks.push({ name: task.name, error: String((error as Error)?.message ?? error) });
    else if (samples !== undefined && samples.length > 0)
      tasks.push({ name: task.name, stats: summarize(samples) });
  }
};
const run = Bench.prototype.run;
const runSync = Bench.prototype.runSync;
Bench.prototype.run = async function (this: unknown) {
  const list = await run.call(this);
  record(list);
  return list;
};
Bench.prototype.runSync = function (this: unknown) {
  const list = runSync.call(this);
  record(list);
  return list;
};

const tables: unknown[] = [];
const log: string[] = [];
const isBenchTable = (data: unknown) =>
  Array.isArray(data) &&
  data.every((row) => row === null || (typeof row === 'object' && 'Task name' in row));
console.table = (data: unknown) => {
  if (!isBenchTable(data)) tables.push(data);
};
console.log = (...args: unknown[]) => log.push(format(...args));
console.info = console.log;

await import(pathToFileURL(file).href);
process.stdout.write(`${JSON.stringify({ tasks, tables, log })}\n`);
