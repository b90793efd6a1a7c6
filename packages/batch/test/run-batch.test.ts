import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readWav } from '@voirs/dsp';
import {
  JobPool,
  planJobs,
  runBatch,
  sha256File,
  verifyOutput,
  type BatchProgress,
} from '../src/index.js';
import { TEST_JOB_MODULE, tempDir, writeClips } from './helpers.js';

const pools: JobPool[] = [];
const pool = (workers: number, jobModule = TEST_JOB_MODULE) => {
  const p = new JobPool({ jobModule, workers, cores: 2 });
  pools.push(p);
  return p;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.destroy()));
});

const partials = (folder: string) => readdirSync(folder).filter((f) => f.includes('.partial-'));

describe('runBatch', () => {
  it('vocodes every file in worker threads, reports it, and resumes by skipping verified outputs', async () => {
    const dir = tempDir('run');
    const jobs = await planJobs(writeClips(dir, 4), join(dir, 'out'));
    const workers = pool(2);
    expect(workers.budget).toEqual({ cores: 2, workers: 2, intraOpThreads: 1 });
    const progress: BatchProgress[] = [];
    const first = await runBatch({
      jobs,
      pool: workers,
      settings: { iterations: 4 },
      settingsKey: 'gl4',
      onProgress: (p) => progress.push(p),
    });
    expect(first.totals).toEqual({ files: 4, done: 4, skipped: 0, failed: 0, 'not-started': 0 });
    expect(first.interrupted).toBe(false);
    for (const file of first.files) {
      expect(file).toMatchObject({ status: 'done', attempts: 1 });
      expect(file.audioSeconds).toBeCloseTo(0.5, 1);
      expect(file.rtf).toBeGreaterThan(0);
      const { audio } = readWav(new Uint8Array(readFileSync(file.output)));
      expect(audio.samples.length).toBe(Math.round(file.audioSeconds! * 22050));
      expect(
        await verifyOutput(file.output, {
          inputSha256: await sha256File(file.input),
          settingsKey: 'gl4',
        }),
      ).toMatchObject({ complete: true });
    }
    expect(first.audioSeconds).toBeCloseTo(4 * first.files[0]!.audioSeconds!, 6);
    expect(progress.at(-1)).toMatchObject({
      total: 4,
      done: 4,
      failed: 0,
      running: 0,
      fraction: 1,
      etaSeconds: 0,
    });
    expect(progress.some((p) => p.running > 0 && p.fraction < 1)).toBe(true);

    writeFileSync(jobs[1]!.output, 'damaged'); // a corrupted output is redone, the rest skipped
    const second = await runBatch({
      jobs,
      pool: workers,
      settings: { iterations: 4 },
      settingsKey: 'gl4',
    });
    expect(second.files.map((f) => f.status)).toEqual(['skipped', 'done', 'skipped', 'skipped']);
    expect(second.files[1]!.sha256).toBe(first.files[1]!.sha256); // deterministic: same bytes again

    const third = await runBatch({
      jobs,
      pool: workers,
      settings: { iterations: 5 },
      settingsKey: 'gl5',
    });
    expect(third.totals.done).toBe(4); // other settings: everything redone
    expect(partials(join(dir, 'out'))).toEqual([]);
  });

  it('isolates failures: bad inputs fail once, transient errors are retried, a dying thread is replaced', async () => {
    const dir = tempDir('run-failures');
    const input = writeClips(dir, 4);
    writeFileSync(join(input, 'clip-1.wav'), 'this is not a WAV file');
    const jobs = await planJobs(input, join(dir, 'out'));
    const report = await runBatch({
      jobs,
      pool: pool(1),
      settings: { iterations: 2, failOn: 'clip-2', failTimes: 1, crashOn: 'clip-3' },
      settingsKey: 'k',
      retryDelayMs: 1,
    });
    const [ok, bad, flaky, crash] = report.files;
    expect(ok).toMatchObject({ status: 'done', attempts: 1 });
    expect(bad).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'E_WAV_INVALID' } });
    expect(flaky).toMatchObject({ status: 'done', attempts: 2 });
    expect(crash).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'E_INTERNAL' } });
    expect(report.totals).toMatchObject({ done: 2, failed: 2 });
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'clip-0.wav',
      'clip-0.wav.voirs.json',
      'clip-2.wav',
      'clip-2.wav.voirs.json',
    ]);
  });

  it('stops gracefully: running files finish and are kept, the rest is reported as not started', async () => {
    const dir = tempDir('run-stop');
    const jobs = await planJobs(writeClips(dir, 6), join(dir, 'out'));
    const stop = new AbortController();
    const report = await runBatch({
      jobs,
      pool: pool(2),
      settings: { iterations: 4 },
      settingsKey: 'k',
      stop: stop.signal,
      onFile: () => stop.abort(),
    });
    expect(report.interrupted).toBe(true);
    const done = report.files.filter((f) => f.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(1);
    expect(done.length).toBeLessThanOrEqual(2); // at most the files already running
    expect(report.totals['not-started']).toBe(6 - done.length);
    for (const f of done)
      expect(
        (await verifyOutput(f.output, { inputSha256: await sha256File(f.input), settingsKey: 'k' }))
          .complete,
      ).toBe(true);
    expect(partials(join(dir, 'out'))).toEqual([]);
  });

  it('stops at once when the job module cannot create a runner', async () => {
    const dir = tempDir('run-fatal');
    const jobs = await planJobs(writeClips(dir, 3), join(dir, 'out'));
    const report = await runBatch({
      jobs,
      pool: pool(1, fileURLToPath(new URL('../src/thread-budget.ts', import.meta.url))),
      settings: {},
      settingsKey: 'k',
    });
    expect(report.fatal).toMatchObject({
      code: 'E_INTERNAL',
      message: expect.stringContaining('createJobRunner'),
    });
    expect(report.totals).toMatchObject({ failed: 1, 'not-started': 2 });
  });
});
