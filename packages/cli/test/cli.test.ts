import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, sharedFile } from '@voirs/core/testing';
import { readNpy, readWav, writeNpy } from '@voirs/dsp';
import { cli } from './run-cli.js';

const SPEECH = join(REPO_ROOT, 'examples', 'speech.wav');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'voirs-cli-'));
});

describe('voirs-vocoder usage', () => {
  it('prints help and the version', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('vocode');
    expect((await cli('vocode', '--help')).stdout).toContain('--vocoder');
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('rejects unknown commands and options with exit code 2', async () => {
    expect((await cli('frobnicate')).code).toBe(2);
    const run = await cli('vocode', SPEECH, '-o', join(dir, 'x.wav'), '--bogus');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('E_CLI_USAGE');
    expect((await cli('vocode', SPEECH, '-o', join(dir, 'x.mp3'))).code).toBe(2);
    expect((await cli('vocode', SPEECH, '-o', join(dir, 'x.wav'), '--quality', 'best')).code).toBe(
      2,
    );
    expect((await cli('vocode', SPEECH)).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('voirs-vocoder vocode (Griffin-Lim)', () => {
  it('copy-synthesises the example clip into a WAV of frames * hop samples', async () => {
    const out = join(dir, 'speech.wav');
    const run = await cli('vocode', SPEECH, '-o', out, '--json', '--quality', 'low');
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      ok: true,
      vocoder: 'griffinlim',
      convention: 'hifigan',
      sampleRate: 22050,
    });
    const { audio, format } = readWav(readFileSync(out));
    expect(format.bitDepth).toBe(16);
    expect(audio.samples.length).toBe(summary.frames * 256);
    const rms = Math.sqrt(audio.samples.reduce((s, x) => s + x * x, 0) / audio.samples.length);
    expect(rms).toBeGreaterThan(0.01);
  });

  it('vocodes a mel .npy and writes float32 samples to .npy or a 24-bit WAV', async () => {
    const mel = join(dir, 'mel.npy');
    expect((await cli('mel', SPEECH, '-o', mel, '--quiet')).code).toBe(0);
    const npy = readNpy(readFileSync(mel));
    expect(npy.shape[0]).toBe(80);
    const outNpy = join(dir, 'samples.npy');
    expect((await cli('vocode', mel, '-o', outNpy, '--iterations', '4', '-q')).code).toBe(0);
    expect(readNpy(readFileSync(outNpy)).shape).toEqual([npy.shape[1]! * 256]);
    const out24 = join(dir, 'out24.wav');
    expect(
      (await cli('vocode', mel, '-o', out24, '--iterations', '4', '--format', 's24', '-q')).code,
    ).toBe(0);
    expect(readWav(readFileSync(out24)).format.bitDepth).toBe(24);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.wav'), 'E_FILE_NOT_FOUND'],
    [
      'a text file',
      () => (writeFileSync(join(dir, 'text.wav'), 'hello'), join(dir, 'text.wav')),
      'E_UNSUPPORTED_FORMAT',
    ],
    [
      'a truncated WAV',
      () => {
        const bytes = readFileSync(SPEECH);
        writeFileSync(join(dir, 'cut.wav'), bytes.subarray(0, 5000));
        return join(dir, 'cut.wav');
      },
      'E_WAV_TRUNCATED',
    ],
    [
      'a mel with NaN',
      () => {
        const data = new Float32Array(80 * 10).fill(-5);
        data[17] = Number.NaN;
        writeFileSync(join(dir, 'nan.npy'), writeNpy(data, [80, 10]));
        return join(dir, 'nan.npy');
      },
      'E_MEL_NONFINITE',
    ],
    [
      'a transposed mel',
      () => {
        writeFileSync(join(dir, 't.npy'), writeNpy(new Float32Array(80 * 10).fill(-5), [10, 80]));
        return join(dir, 't.npy');
      },
      'E_MEL_SHAPE',
    ],
  ])('fails cleanly on %s, leaving no output', async (_label, makeInput, code) => {
    const out = join(dir, `never-${code}.wav`);
    const run = await cli('vocode', makeInput(), '-o', out, '--json');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(code);
    expect(JSON.parse(run.stdout.trim().split('\n').pop()!)).toMatchObject({
      ok: false,
      error: { code },
    });
    expect(readdirSync(dir).filter((f) => f.startsWith('never') || f.includes('partial'))).toEqual(
      [],
    );
  });

  const librivox = sharedFile('data/librivox16k/sense_and_sensibility_01_austen_64kb-0870.wav');
  it.skipIf(!librivox)(
    'resamples 16 kHz LibriVox speech to the preset rate and vocodes it',
    async () => {
      const out = join(dir, 'librivox.wav');
      const run = await cli('vocode', librivox!, '-o', out, '--quality', 'low', '--json');
      expect(run.code, run.stderr).toBe(0);
      const { audio } = readWav(readFileSync(out));
      expect(audio.sampleRate).toBe(22050);
      const input = readWav(readFileSync(librivox!)).audio;
      expect(Math.abs(audio.samples.length / 22050 - input.samples.length / 16000)).toBeLessThan(
        0.02,
      );
    },
  );
});

describe('voirs-vocoder info and mel', () => {
  it('describes WAV and npy files', async () => {
    const wav = JSON.parse((await cli('info', SPEECH, '--json')).stdout);
    expect(wav).toMatchObject({ type: 'wav', sampleRate: 22050, channels: 1, bitDepth: 16 });
    const mel = join(dir, 'info-mel.npy');
    await cli('mel', SPEECH, '-o', mel, '--preset', 'waveglow', '-q');
    const npy = JSON.parse((await cli('info', mel, '--json')).stdout);
    expect(npy.looksLike).toContain('mel spectrogram');
  });

  it('rejects a non-WAV input and a non-npy output', async () => {
    expect((await cli('mel', join(REPO_ROOT, 'README.md'), '-o', join(dir, 'm.npy'))).code).toBe(1);
    expect((await cli('mel', SPEECH, '-o', join(dir, 'm.wav'))).code).toBe(2);
  });
});

describe('the voirs-vocoder bin', () => {
  it('runs from the repository sources without a build', async () => {
    const bin = join(REPO_ROOT, 'packages', 'cli', 'bin', 'voirs-vocoder.js');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, '--version']);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const failed = await promisify(execFile)(process.execPath, [
      bin,
      'info',
      join(dir, 'missing.wav'),
    ]).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toContain('E_FILE_NOT_FOUND');
  });
});

describe('voirs-vocoder info on models', () => {
  it('describes a checkpoint without executing it, and a converted ONNX model', async () => {
    const { writeSafetensors } = await import('@voirs/checkpoint');
    const { hifiganPlugin } = await import('@voirs/hifigan');
    const tensors = new Map([
      [
        'conv_pre.weight',
        { dtype: 'float32' as const, shape: [4, 80, 7], data: new Float32Array(4 * 80 * 7) },
      ],
      ['ups.0.weight', { dtype: 'float32' as const, shape: [4, 2, 4], data: new Float32Array(32) }],
      [
        'resblocks.0.convs.0.weight',
        { dtype: 'float32' as const, shape: [2, 2, 3], data: new Float32Array(12) },
      ],
    ]);
    const st = join(dir, 'tiny.safetensors');
    writeFileSync(st, writeSafetensors(tensors));
    const checkpoint = JSON.parse((await cli('info', st, '--json')).stdout);
    expect(checkpoint).toMatchObject({
      type: 'checkpoint',
      format: 'safetensors',
      vocoder: 'hifigan',
      tensors: 3,
      parameters: 2240 + 32 + 12,
    });
    const speechOnnx = join(dir, 'tiny.onnx');
    const { HIFIGAN_ARCHS } = await import('@voirs/hifigan');
    const { hashStateDict } = await import('../../hifigan/test/hash-weights.js');
    writeFileSync(
      speechOnnx,
      (await hifiganPlugin.convert!({ bytes: writeSafetensors(hashStateDict(HIFIGAN_ARCHS.v3)) }))
        .onnx,
    );
    const onnx = JSON.parse((await cli('info', speechOnnx, '--json')).stdout);
    expect(onnx).toMatchObject({
      type: 'onnx',
      vocoder: 'hifigan',
      arch: 'v3',
      sampleRate: 22050,
      hop: 256,
      melPreset: 'hifigan',
    });
  });
});
