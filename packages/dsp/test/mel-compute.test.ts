import { readFileSync } from 'node:fs';
import {
  DIFFWAVE_PRESET,
  HIFIGAN_PRESET,
  createAudioBuffer,
  deriveConvention,
  melFrameCount,
} from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { describe, expect, it } from 'vitest';
import { readWav } from '../src/io/wav-read.js';
import { resample } from '../src/resample/resample.js';
import { computeMel } from '../src/spectral/compute-mel.js';
import { ljClip, maxAbsDiff, syntheticSignal } from './mel-fixtures.js';

const speech = ljClip('LJ001-0002') ?? syntheticSignal(22050 * 2);

describe('computeMel inputs', () => {
  it('takes an AudioBuffer or a Float32Array, and averages channels', () => {
    const mono = computeMel(speech, HIFIGAN_PRESET);
    expect(computeMel(createAudioBuffer(speech, 22050), HIFIGAN_PRESET).data).toEqual(mono.data);
    const stereo = new Float32Array(speech.length * 2);
    speech.forEach((v, i) => {
      stereo[2 * i] = 1.5 * v;
      stereo[2 * i + 1] = 0.5 * v;
    });
    expect(
      maxAbsDiff(computeMel(createAudioBuffer(stereo, 22050, 2), HIFIGAN_PRESET).data, mono.data),
    ).toBeLessThan(1e-5);
  });

  it('refuses another sample rate with a hint, or resamples when asked', () => {
    const at16k = resample(createAudioBuffer(speech, 22050), 16000);
    expect(() => computeMel(at16k, HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({
        code: 'E_SAMPLE_RATE',
        message: expect.stringMatching(/resample\(audio, 22050\)/) as unknown,
      }),
    );
    const back = computeMel(at16k, HIFIGAN_PRESET, { resample: true });
    const direct = computeMel(speech, HIFIGAN_PRESET);
    expect(back.frames).toBe(
      melFrameCount(HIFIGAN_PRESET, Math.round((at16k.samples.length * 22050) / 16000)),
    );
    // bands under 7.2 kHz (0.9 of the 16 kHz Nyquist) survive the round trip through 16 kHz
    const frames = Math.min(back.frames, direct.frames);
    let diff = 0;
    let count = 0;
    for (let m = 0; m < 76; m++) {
      for (let t = 2; t < frames - 2; t++, count++)
        diff += Math.abs(back.data[m * back.frames + t]! - direct.data[m * direct.frames + t]!);
    }
    console.log(
      `[mel] 22050 -> 16000 -> 22050 round trip: mean abs log-mel diff ${(diff / count).toExponential(2)} (bands 0-75)`,
    );
    expect(diff / count).toBeLessThan(0.01);
  });

  it.skipIf(
    sharedFile('data/librivox16k/sense_and_sensibility_01_austen_64kb-0880.wav') === undefined,
  )('computes a hifigan mel of a 16 kHz LibriVox clip with resample: true', () => {
    const path = sharedFile('data/librivox16k/sense_and_sensibility_01_austen_64kb-0880.wav')!;
    const { audio } = readWav(new Uint8Array(readFileSync(path)));
    const mel = computeMel(audio, HIFIGAN_PRESET, { resample: 'medium' });
    expect(mel.frames).toBe(
      melFrameCount(HIFIGAN_PRESET, Math.round((audio.samples.length * 22050) / 16000)),
    );
    expect(mel.data.every(Number.isFinite)).toBe(true);
  });

  it('throws typed errors for short or non-finite audio and invalid conventions', () => {
    expect(() => computeMel(new Float32Array(384), HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_AUDIO_INVALID' }),
    );
    expect(() => computeMel(new Float32Array(512), DIFFWAVE_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_AUDIO_INVALID' }),
    );
    expect(computeMel(new Float32Array(513), DIFFWAVE_PRESET).frames).toBe(3);
    const nan = speech.slice(0, 4096);
    nan[1000] = Number.NaN;
    expect(() => computeMel(nan, HIFIGAN_PRESET)).toThrowError(
      expect.objectContaining({
        code: 'E_AUDIO_INVALID',
        message: expect.stringMatching(/1000/) as unknown,
      }),
    );
    const inf = speech.slice(0, 4096);
    inf[2000] = Number.POSITIVE_INFINITY;
    expect(() => computeMel(inf, DIFFWAVE_PRESET)).toThrowError(
      expect.objectContaining({ code: 'E_AUDIO_INVALID' }),
    );
    const broken = deriveConvention(HIFIGAN_PRESET, {
      name: 'broken',
      hop: 0,
      fmax: -1,
      power: 3 as never,
    });
    let error: unknown;
    try {
      computeMel(speech, broken);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_CONFIG_INVALID' });
    for (const field of ['hop 0', 'power 3', 'fmin..fmax'])
      expect((error as Error).message).toContain(field);
    expect(() => computeMel([0.1] as never, HIFIGAN_PRESET)).toThrow(TypeError);
  });

  it('computes silence at the log floor, and is exact for a custom power-2 convention', () => {
    const silent = computeMel(new Float32Array(4096), HIFIGAN_PRESET);
    expect(silent.data.every((v) => Math.abs(v - Math.log(1e-5)) < 1e-6)).toBe(true);
    const power = deriveConvention(HIFIGAN_PRESET, {
      name: 'power2',
      power: 2,
      magnitudeEps: 0,
      log: { base: 10, scale: 10, floor: 1e-10 },
    });
    const p = computeMel(speech, power);
    const m = computeMel(
      speech,
      deriveConvention(power, {
        name: 'power1',
        power: 1,
        log: { base: 10, scale: 20, floor: 1e-5 },
      }),
    );
    // 10 log10(M |X|^2) >= 20 log10(M |X|): the two only meet for flat bands, so compare loosely
    let below = 0;
    for (let i = 0; i < p.data.length; i++)
      if (p.data[i]! < m.data[i]! - 1e-3 && m.data[i]! > -99) below++;
    expect(below).toBe(0);
  });
});
