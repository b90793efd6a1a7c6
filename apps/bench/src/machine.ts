/**
 * What the numbers were measured on: CPU, cores, memory, Node and onnxruntime versions, PyTorch
 * when present, the commit, and the load average (the machine is shared, so load matters).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { arch, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { PYTHON, REPO_ROOT } from './paths.js';

/** Facts about the machine and software of a run. */
export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly onnxruntimeNode: string;
  readonly onnxruntimeWeb: string;
  /**
   * torch's version; `null` when `/usr/bin/python3` has no torch (the torch peers are then
   * skipped), `not checked` when the run had no peers.
   */
  readonly torch: string | null;
  readonly commit: string;
  /** Tracked files with uncommitted changes when the run started (other work in the tree). */
  readonly uncommitted: readonly string[];
  /** 1, 5 and 15 minute load averages when the run started and when it ended. */
  readonly loadAverageStart: readonly number[];
  readonly loadAverageEnd: readonly number[];
}

/** The installed version of `name` as a dependency of the workspace package in `packageDir`. */
function dependencyVersion(packageDir: string, name: string): string {
  try {
    const manifest = JSON.parse(
      readFileSync(join(packageDir, 'node_modules', name, 'package.json'), 'utf8'),
    ) as {
      version?: string;
    };
    return manifest.version ?? 'unknown';
  } catch {
    return 'not installed';
  }
}

/** torch's version from the reference interpreter, or `null` when it has none. */
function torchVersion(): string | null {
  try {
    return execFileSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    }).trim();
  } catch {
    return null;
  }
}

/** The commit, and the tracked files that differ from it (what was really measured). */
function gitState(): { commit: string; uncommitted: string[] } {
  try {
    const run = (args: string[]) =>
      execFileSync('git', args, {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trimEnd(); // not trim(): a porcelain line starts with its status column, e.g. " M a.ts"
    const uncommitted = run(['status', '--porcelain', '--untracked-files=no'])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit: run(['rev-parse', '--short', 'HEAD']), uncommitted };
  } catch {
    return { commit: 'unknown', uncommitted: [] };
  }
}

const gib = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/**
 * Collects the machine facts at the start of a run (`loadAverageEnd` is filled in at the end);
 * `checkTorch: false` skips starting python.
 */
export function machineInfo(checkTorch = true): MachineInfo {
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    os: `${platform()} ${release()} ${arch()}`,
    node: process.version,
    onnxruntimeNode: dependencyVersion(
      join(REPO_ROOT, 'packages', 'backend-node'),
      'onnxruntime-node',
    ),
    onnxruntimeWeb: dependencyVersion(
      join(REPO_ROOT, 'packages', 'backend-web'),
      'onnxruntime-web',
    ),
    torch: checkTorch ? torchVersion() : 'not checked',
    ...gitState(),
    loadAverageStart: load(),
    loadAverageEnd: [],
  };
}

/** The machine facts with the load average at the end of the run. */
export function withEndLoad(info: MachineInfo): MachineInfo {
  return { ...info, loadAverageEnd: load() };
}
