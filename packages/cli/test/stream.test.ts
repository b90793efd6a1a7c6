import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';
import { readWav } from '@voirs/dsp';
import { runCli } from '../src/index.js';
import { cli } from './run-cli.js';

const speech = join(REPO_ROOT, 'examples', 'speech.wav');
const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');
const clip = sharedFile('data/ljspeech/LJ001-0002.wav');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-cli-stream-'));
});

/** Runs the CLI keeping stdout as bytes (the WAV of "-o -"). */
async function cliBytes(
  argv: string[],
  signal = new AbortController().signal,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  let stderr = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(Buffer.from(chunk));
      done();
    },
  });
  const err = new Writable({
    write(chunk, _encoding, done) {
      stderr += String(chunk);
      done();
    },
  });
  const code = await runCli(argv, { stdout, stderr: err }, { signal });
  return { code, stdout: Buffer.concat(out), stderr };
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

describe('voirs-vocoder vocode --stream', () => {
  it('streams Griffin-Lim to a WAV file and to stdout, identically, with a JSON summary', async () => {
    const out = join(dir, 'gl.wav');
    const run = await cli(
      'vocode',
      speech,
      '-o',
      out,
      '--stream',
      '--chunk-frames',
      '24',
      '--quality',
      'low',
      '--seed',
      '2',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    const input = readWav(readFileSync(speech)).audio;
    const frames = Math.floor(input.samples.length / 256);
    expect(summary).toMatchObject({
      ok: true,
      vocoder: 'griffinlim',
      frames,
      samples: frames * 256,
      stream: { chunkFrames: 24, frames },
    });
    expect(summary.stream.chunks).toBeGreaterThanOrEqual(Math.ceil(frames / 24));
    const file = readWav(readFileSync(out));
    expect(file.streamed).toBe(false);
    expect(file.audio.samples.length).toBe(frames * 256);

    const piped = await cliBytes([
      'vocode',
      speech,
      '-o',
      '-',
      '--stream',
      '--chunk-frames',
      '24',
      '--quality',
      'low',
      '--seed',
      '2',
      '-q',
    ]);
    expect(piped.code, piped.stderr).toBe(0);
    const wav = readWav(new Uint8Array(piped.stdout));
    expect(wav.streamed).toBe(true); // "unknown length" header: the data runs to the end
    expect(wav.audio.samples).toEqual(file.audio.samples);
  });

  it.skipIf(!checkpoint || !clip)(
    'writes the offline HiFi-GAN V2 samples (within 1e-4) for any chunk size',
    async () => {
      const offline = join(dir, 'offline.wav');
      const base = [
        '--vocoder',
        'hifigan',
        '--model',
        checkpoint!,
        '--threads',
        '1',
        '--format',
        'f32',
        '-q',
      ];
      expect((await cli('vocode', clip!, '-o', offline, ...base)).code).toBe(0);
      const reference = readWav(readFileSync(offline)).audio.samples;
      for (const chunk of ['1', '17', '200']) {
        const out = join(dir, `stream-${chunk}.wav`);
        const run = await cli(
          'vocode',
          clip!,
          '-o',
          out,
          ...base,
          '--stream',
          '--chunk-frames',
          chunk,
        );
        expect(run.code, run.stderr).toBe(0);
        expect(maxAbsDiff(readWav(readFileSync(out)).audio.samples, reference)).toBeLessThanOrEqual(
          1e-4,
        );
      }
      // 16-bit: the same samples up to one step of quantisation
      const s16 = await cliBytes([
        'vocode',
        clip!,
        '-o',
        '-',
        ...base.filter((a) => a !== 'f32' && a !== '--format'),
        '--stream',
      ]);
      expect(s16.code, s16.stderr).toBe(0);
      expect(
        maxAbsDiff(readWav(new Uint8Array(s16.stdout)).audio.samples, reference),
      ).toBeLessThanOrEqual(1e-4 + 1 / 32767);
    },
  );

  it('refuses flags that do not fit together', async () => {
    const out = join(dir, 'x.wav');
    const cases: [string[], string][] = [
      [['--chunk-frames', '8'], '--chunk-frames applies to --stream'],
      [['--stream', '--chunk-frames', '0'], '--chunk-frames must be an integer'],
      [['--stream', '--effects', 'fx.json'], '--effects cannot be combined'],
    ];
    for (const [flags, message] of cases) {
      const run = await cli('vocode', speech, '-o', out, ...flags);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect((await cli('vocode', speech, '-o', '-')).stderr).toContain('needs --stream');
    expect((await cli('vocode', speech, '-o', join(dir, 'x.npy'), '--stream')).stderr).toContain(
      '--stream writes WAV',
    );
    expect((await cli('vocode', speech, '-o', '-', '--stream', '--json')).stderr).toContain(
      'stdout carries the audio',
    );
    expect(readdirSync(dir).filter((f) => f.startsWith('x.'))).toEqual([]);
  });

  it('stops on interrupt with exit code 130 and leaves no file behind', async () => {
    const controller = new AbortController();
    const out = join(dir, 'interrupted.wav');
    const running = cliBytes(
      ['vocode', speech, '-o', out, '--stream', '--chunk-frames', '8', '--quality', 'high'],
      controller.signal,
    );
    // interrupt once streaming has begun: the writer's temporary file exists
    const started = Date.now();
    while (
      !readdirSync(dir).some((f) => f.startsWith('interrupted.wav.partial')) &&
      Date.now() - started < 20_000
    ) {
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(readdirSync(dir).some((f) => f.startsWith('interrupted.wav.partial'))).toBe(true);
    controller.abort();
    const run = await running;
    expect(run.code).toBe(130);
    expect(readdirSync(dir).filter((f) => f.startsWith('interrupted'))).toEqual([]);
  });
});
