import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { readWav, writeWav } from '@voirs/dsp';
import { sha256File, verifyOutput, type QueueWorkerEvent } from '@voirs/batch';
import { hasRedisServer, startRedisServer, type RedisServer } from '@voirs/batch/testing';
import { cli } from './run-cli.js';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'voirs-vocoder.js');
const JOBS = 6;

let redis: RedisServer | undefined;
const children: ChildProcess[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await redis?.stop();
});

/** A `voirs-vocoder worker --json` child and the events it prints. */
function startWorker(name: string, url: string, queue: string) {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'worker',
      '--redis',
      url,
      '--queue',
      queue,
      '-j',
      '1',
      '--name',
      name,
      '--lock-ms',
      '4000',
      '--stalled-ms',
      '1000',
      '--json',
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  const events: QueueWorkerEvent[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    events.push(JSON.parse(line) as QueueWorkerEvent);
    waiters.splice(0).forEach((w) => w());
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += String(c)));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const waitFor = (what: string, test: (e: QueueWorkerEvent) => boolean, timeoutMs = 60_000) =>
    new Promise<QueueWorkerEvent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name}: no ${what} within ${timeoutMs} ms\n${stderr}`)),
        timeoutMs,
      );
      const check = () => {
        const hit = events.find(test);
        if (hit) {
          clearTimeout(timer);
          resolve(hit);
        } else waiters.push(check);
      };
      check();
    });
  return { child, events, exited, waitFor, stderr: () => stderr };
}

describe('voirs-vocoder queue + worker', () => {
  it.skipIf(!hasRedisServer() && process.env.CI !== 'true')(
    'loses and duplicates no output when one of two workers is SIGKILLed mid-job',
    async () => {
      const url = redis!.url;
      const queue = 'cli-test';
      const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-queue-'));
      const { audio } = readWav(
        new Uint8Array(readFileSync(join(REPO_ROOT, 'examples', 'speech.wav'))),
      );
      mkdirSync(join(dir, 'in'));
      const n = audio.sampleRate; // 1 s clips
      for (let i = 0; i < JOBS; i++) {
        const start = (i * 7919) % (audio.samples.length - n);
        writeFileSync(
          join(dir, 'in', `c${i}.wav`),
          writeWav({
            samples: audio.samples.slice(start, start + n),
            sampleRate: audio.sampleRate,
            channels: 1,
          }),
        );
      }
      const out = join(dir, 'out');
      const submit = await cli(
        'queue',
        'submit',
        join(dir, 'in'),
        '-o',
        out,
        '--redis',
        url,
        '--queue',
        queue,
        '--iterations',
        '60',
        '--backoff-ms',
        '100',
        '--json',
      );
      expect(submit.code, submit.stderr).toBe(0);
      expect(JSON.parse(submit.stdout)).toMatchObject({ ok: true, added: JOBS, pending: 0 });

      const a = startWorker('A', url, queue);
      const b = startWorker('B', url, queue);
      const started = (await a.waitFor('started job', (e) => e.type === 'started')) as Extract<
        QueueWorkerEvent,
        { type: 'started' }
      >;
      a.child.kill('SIGKILL'); // mid-job: A never reports this job finished
      await a.exited;
      expect(a.events.some((e) => e.type === 'completed' && e.jobId === started.jobId)).toBe(false);
      const completed = () =>
        new Set(
          [...a.events, ...b.events].flatMap((e) => (e.type === 'completed' ? [e.jobId] : [])),
        ).size;
      await b.waitFor('all jobs', () => completed() >= JOBS, 120_000);
      expect(completed()).toBe(JOBS);
      const status = await cli('queue', 'status', '--redis', url, '--queue', queue, '--json');
      expect(JSON.parse(status.stdout)).toMatchObject({
        waiting: 0,
        active: 0,
        delayed: 0,
        completed: JOBS,
        failed: 0,
        dead: 0,
      });

      // the killed job was redelivered to B and redone there; every output is complete and verified
      expect(
        b.events.find((e) => e.type === 'completed' && e.jobId === started.jobId),
      ).toMatchObject({ status: 'done' });
      const inputs = readdirSync(join(dir, 'in')).sort();
      for (const f of inputs) {
        const { settingsKey } = JSON.parse(readFileSync(join(out, `${f}.voirs.json`), 'utf8')) as {
          settingsKey: string;
        };
        const state = await verifyOutput(join(out, f), {
          inputSha256: await sha256File(join(dir, 'in', f)),
          settingsKey,
        });
        expect(state.complete, f).toBe(true);
      }
      // exactly one output (and record) per job, no temporary files left by the killed worker
      expect(readdirSync(out).sort()).toEqual(inputs.flatMap((f) => [f, `${f}.voirs.json`]));

      b.child.kill('SIGTERM'); // graceful shutdown
      expect(await b.exited, b.stderr()).toBe(0);
    },
  );
});
