import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@voirs/core/testing';
import { readWav, writeNpy, writeWav } from '@voirs/dsp';
import { sha256File, verifyOutput, type BatchReport } from '@voirs/batch';
import { cli } from './run-cli.js';
import { writeTinyCheckpoint } from './models-fixtures.js';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'voirs-vocoder.js');

/** `count` clips of `seconds` cut from the example speech, in `<dir>/in`. */
function clips(dir: string, count: number, seconds: number): string {
  const { audio } = readWav(
    new Uint8Array(readFileSync(join(REPO_ROOT, 'examples', 'speech.wav'))),
  );
  const n = Math.round(seconds * audio.sampleRate);
  const folder = join(dir, 'in');
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < count; i++) {
    const start = (i * n) % (audio.samples.length - n);
    writeFileSync(
      join(folder, `clip-${i}.wav`),
      writeWav({
        samples: audio.samples.slice(start, start + n),
        sampleRate: audio.sampleRate,
        channels: 1,
      }),
    );
  }
  return folder;
}

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as BatchReport;
const leftovers = (folder: string) => readdirSync(folder).filter((f) => f.includes('.partial-'));

async function verified(report: BatchReport, settingsKeyFrom: string): Promise<boolean[]> {
  const key = JSON.parse(readFileSync(`${settingsKeyFrom}.voirs.json`, 'utf8'))
    .settingsKey as string;
  return Promise.all(
    report.files
      .filter((f) => f.status === 'done' || f.status === 'skipped')
      .map(
        async (f) =>
          (
            await verifyOutput(f.output, {
              inputSha256: await sha256File(f.input),
              settingsKey: key,
            })
          ).complete,
      ),
  );
}

describe('voirs-vocoder batch', () => {
  it('vocodes a folder (wav and npy) on worker threads with the HiFi-GAN plugin, writes the report, and resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-batch-'));
    const input = clips(dir, 3, 0.4);
    writeFileSync(join(input, 'mel.npy'), writeNpy(new Float32Array(80 * 10).fill(-5), [80, 10]));
    const model = writeTinyCheckpoint(dir);
    const out = join(dir, 'out');
    const args = [
      'batch',
      input,
      '-o',
      out,
      '--vocoder',
      'hifigan',
      '--model',
      model,
      '-j',
      '2',
      '--json',
    ];
    const run = await cli(...args);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      ok: true,
      totals: { files: 4, done: 4, skipped: 0, failed: 0 },
      threads: { workers: 2 },
    });
    const report = readReport(join(out, 'batch-report.json'));
    const mel = report.files.find((f) => f.id === 'mel')!;
    expect(mel).toMatchObject({ status: 'done', audioSeconds: (10 * 256) / 22050 });
    expect(readWav(new Uint8Array(readFileSync(mel.output))).audio.samples.length).toBe(2560);
    expect(await verified(report, mel.output)).toEqual([true, true, true, true]);

    const again = await cli(...args);
    expect(JSON.parse(again.stdout).totals).toMatchObject({ done: 0, skipped: 4 });
    const other = await cli(...args.slice(0, -1), '--format', 'f32', '--json'); // other settings: redone
    expect(JSON.parse(other.stdout).totals).toMatchObject({ done: 4, skipped: 0 });
  });

  it('isolates a bad file (exit code 1, the others done) and explains bad flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-batch-bad-'));
    const input = clips(dir, 2, 0.3);
    writeFileSync(join(input, 'broken.wav'), 'not audio');
    const report = join(dir, 'r.json');
    const run = await cli(
      'batch',
      input,
      '-o',
      join(dir, 'out'),
      '--iterations',
      '2',
      '--report',
      report,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/FAILED .*broken\.wav after 1 try: .*\[E_UNSUPPORTED_FORMAT\]/);
    expect(readReport(report).totals).toMatchObject({ done: 2, failed: 1 });
    expect((await cli('batch', input)).code).toBe(2);
    expect((await cli('batch', input, '-o', dir, '--vocoder', 'hifigan')).stderr).toContain(
      'needs --model',
    );
    expect(
      (await cli('batch', input, '-o', dir, '--noise', 'n.npy', '--vocoder', 'diffwave')).stderr,
    ).toContain('--seed instead');
    expect((await cli('batch', input, '-o', dir, '--model', 'x.pt')).code).toBe(2);
    expect((await cli('batch', join(dir, 'nothing-here'), '-o', dir)).stderr).toContain(
      'E_FILE_NOT_FOUND',
    );
  });

  it('stops cleanly on SIGINT (a real child process): finished files kept, report written, exit 130; a rerun resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-batch-sigint-'));
    const input = clips(dir, 8, 1);
    const out = join(dir, 'out');
    const args = [BIN, 'batch', input, '-o', out, '--iterations', '40', '-j', '1'];
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += String(chunk);
        if (stderr.includes('done ')) resolve();
      });
      void exited.then(() => reject(new Error(`batch exited before finishing a file:\n${stderr}`)));
    });
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toContain('Stopping: no new files');
    const first = readReport(join(out, 'batch-report.json'));
    expect(first.interrupted).toBe(true);
    expect(first.totals.done).toBeGreaterThanOrEqual(1);
    expect(first.totals['not-started']).toBeGreaterThanOrEqual(1);
    expect(first.totals.done + first.totals['not-started']).toBe(8);
    const anyDone = first.files.find((f) => f.status === 'done')!.output;
    expect(await verified(first, anyDone)).toEqual(Array(first.totals.done).fill(true));
    expect(leftovers(out)).toEqual([]);

    const resumed = await cli('batch', input, '-o', out, '--iterations', '40', '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).totals).toMatchObject({
      skipped: first.totals.done,
      done: 8 - first.totals.done,
      failed: 0,
    });
  });
});
