/**
 * `voirs-vocoder bench`: argument errors, and tiny end-to-end runs (Griffin-Lim, a small HiFi-GAN
 * graph with random weights as a vocoder and as a bare session). No timing assertions: only that
 * the statistics are present, positive and consistent.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HIFIGAN_PRESET } from '@voirs/core';
import {
  buildGeneratorGraph,
  receptiveField,
  validateConfig,
  type ConvWeights,
  type HifiganConfig,
} from '@voirs/hifigan';
import { computeMel } from '@voirs/dsp';
import { fitFrames, framesFor, syntheticSpeech } from '../src/bench-input.js';
import { summarize } from '../src/bench-stats.js';
import { cli } from './run-cli.js';

const TINY: HifiganConfig = validateConfig({
  resblock: '2',
  upsampleRates: [4, 4, 4, 4],
  upsampleKernelSizes: [8, 8, 8, 8],
  upsampleInitialChannel: 32,
  resblockKernelSizes: [3],
  resblockDilationSizes: [[1, 2]],
  nMels: 80,
});

/** A small HiFi-GAN generator (hop 256) with fixed pseudo-random weights. */
function tinyModel(): Uint8Array {
  let seed = 7;
  const conv = (dims: [number, number, number], bias: number): ConvWeights => {
    const next = () =>
      ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32 - 0.5) * 0.2;
    return {
      weight: new Float32Array(dims[0] * dims[1] * dims[2]).map(next),
      bias: new Float32Array(bias).map(next),
      dims,
    };
  };
  const c = TINY.upsampleInitialChannel;
  const weights = {
    convPre: conv([c, 80, 7], c),
    ups: TINY.upsampleRates.map((_, i) => conv([c >> i, c >> (i + 1), 8], c >> (i + 1))),
    resblocks: TINY.upsampleRates.map((_, i) => [
      [conv([c >> (i + 1), c >> (i + 1), 3], c >> (i + 1))],
      [conv([c >> (i + 1), c >> (i + 1), 3], c >> (i + 1))],
    ]),
    convPost: conv([1, c >> 4, 7], 1),
    meanFolded: false,
  };
  return buildGeneratorGraph(TINY, weights, {
    arch: 'custom',
    config: TINY,
    convention: HIFIGAN_PRESET,
    receptiveField: receptiveField(TINY),
  });
}

let model: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'voirs-cli-bench-'));
  model = join(dir, 'tiny.onnx');
  writeFileSync(model, tinyModel());
});

const FAST = ['--seconds', '0.5', '--iterations', '2', '--time', '0', '--warmup', '0', '--json'];

function expectStats(summary: Record<string, unknown>) {
  for (const key of [
    'rtf',
    'rtf_min',
    'rtf_max',
    'rtf_mean',
    'rtf_p75',
    'rtf_p99',
    'load_ms',
    'first_inference_ms',
  ]) {
    expect(summary[key], key).toBeGreaterThan(0);
  }
  expect(summary.rtf_min as number).toBeLessThanOrEqual(summary.rtf as number);
  expect(summary.rtf as number).toBeLessThanOrEqual(summary.rtf_max as number);
  expect(summary.iterations).toBe((summary.samples_ms as number[]).length);
  expect((summary.memory as Record<string, number>).peak_rss_mib).toBeGreaterThan(0);
}

describe('voirs-vocoder bench: usage errors', () => {
  it.each([
    [['--threads', '2'], '--threads applies to model vocoders'],
    [['--vocoder', 'hifigan'], 'needs --model'],
    [['--session', 'x.onnx', '--vocoder', 'hifigan'], 'cannot be combined with --session'],
    [['--session', 'x.onnx', '--chunk', '8'], 'cannot be combined with --session'],
    [['--session', 'x.onnx', '--precision', 'int8'], 'cannot be combined with --session'],
    [['--precision', 'int8'], '--precision applies to model vocoders'],
    [['--precision', 'int4'], '--precision must be one of fp32, fp16, int8'],
    [['--chunk', '8', '--batch', '2'], '--chunk (streaming) and --batch cannot be combined'],
    [['--seconds', '0'], '--seconds must be a number'],
    [['--iterations', '1.5'], '--iterations must be an integer'],
    [['--bogus'], 'Unknown option'],
    [['extra.wav'], 'bench takes no file arguments'],
  ])('%j', async (argv, message) => {
    const run = await cli('bench', ...argv);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('E_CLI_USAGE');
    expect(run.stderr).toContain(message);
  });

  it('explains missing files and unknown vocoders (exit 1)', async () => {
    expect(
      (await cli('bench', '--vocoder', 'hifigan', '--model', join(tmpdir(), 'nope.pt'))).stderr,
    ).toContain('E_FILE_NOT_FOUND');
    expect((await cli('bench', '--session', join(tmpdir(), 'nope.onnx'))).stderr).toContain(
      'E_FILE_NOT_FOUND',
    );
    expect((await cli('bench', '--vocoder', 'melgan')).stderr).toContain('E_PLUGIN_NOT_FOUND');
    const json = await cli('bench', '--vocoder', 'melgan', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { code: 'E_PLUGIN_NOT_FOUND' },
    });
  });

  it('documents its options', async () => {
    const help = await cli('bench', '--help');
    expect(help.code).toBe(0);
    for (const option of ['--session', '--chunk', '--batch', '--seconds', 'rtf_min'])
      expect(help.stdout).toContain(option);
  });
});

describe('voirs-vocoder bench: runs', () => {
  it('times Griffin-Lim offline and prints the median RTF and the other statistics', async () => {
    const run = await cli('bench', ...FAST);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      ok: true,
      kind: 'vocoder',
      vocoder: 'griffinlim',
      mode: 'offline',
      batch: 1,
      frames: 43,
      iterations: 2,
    });
    expectStats(summary);
    expect(summary.audio_seconds).toBeCloseTo((43 * 256) / 22050, 5);
  });

  it('times a HiFi-GAN model as a vocoder (batch and streaming) and as a bare session', async () => {
    const batch = JSON.parse(
      (
        await cli(
          'bench',
          '--vocoder',
          'hifigan',
          '--model',
          model,
          '--threads',
          '1',
          '--batch',
          '2',
          ...FAST,
        )
      ).stdout,
    );
    expect(batch).toMatchObject({
      vocoder: 'hifigan',
      arch: 'hifigan-custom',
      backend: 'node',
      threads: 1,
      mode: 'batch',
      batch: 2,
    });
    expectStats(batch);
    expect(batch.audio_seconds).toBeCloseTo((2 * 43 * 256) / 22050, 5);

    const int8 = JSON.parse(
      (await cli('bench', '--vocoder', 'hifigan', '--model', model, '--precision', 'int8', ...FAST))
        .stdout,
    );
    expect(int8).toMatchObject({
      vocoder: 'hifigan',
      arch: 'hifigan-custom-int8',
      mode: 'offline',
    });
    expectStats(int8);

    const stream = JSON.parse(
      (await cli('bench', '--vocoder', 'hifigan', '--model', model, '--chunk', '8', ...FAST))
        .stdout,
    );
    expect(stream).toMatchObject({ mode: 'stream', chunk_frames: 8 });
    expectStats(stream);
    expect(stream.stream.first_audio_ms).toMatchObject({ n: 2 });
    expect(stream.stream.chunk_ms.n).toBeGreaterThan(2);
    expect(stream.stream.lookahead_frames).toBe(receptiveField(TINY).rightFrames);
    expect(stream.stream.chunk_audio_ms).toBeCloseTo((8 * 256 * 1000) / 22050, 3);

    const session = JSON.parse(
      (await cli('bench', '--session', model, '--threads', '1', ...FAST)).stdout,
    );
    expect(session).toMatchObject({
      kind: 'session',
      vocoder: 'onnx',
      arch: 'tiny.onnx',
      backend: 'node',
      mode: 'offline',
    });
    expectStats(session);
  });

  it('prints a readable summary without --json', async () => {
    const run = await cli(
      'bench',
      '--seconds',
      '0.3',
      '--iterations',
      '1',
      '--time',
      '0',
      '--warmup',
      '0',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /griffinlim griffinlim: offline, batch 1, 0\.30 s of audio per run, 1 runs/,
    );
    expect(run.stdout).toMatch(/RTF median \d/);
  });
});

describe('bench helpers', () => {
  it('summarises samples like tinybench and fits mels to a length', () => {
    expect(summarize([3, 1, 2, 4])).toMatchObject({ n: 4, median: 2.5, min: 1, max: 4, mean: 2.5 });
    expect(() => summarize([])).toThrowError(
      expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }),
    );
    expect(framesFor(HIFIGAN_PRESET, 10)).toBe(861);
    const mel = computeMel(syntheticSpeech(10 * 256, 22050), HIFIGAN_PRESET);
    expect(mel.frames).toBe(10);
    const long = fitFrames(mel, 25);
    expect(long.frames).toBe(25);
    expect(long.data[0 * 25 + 10]).toBe(mel.data[0]); // repeated from the start
    expect(fitFrames(mel, 4).frames).toBe(4);
  });
});
