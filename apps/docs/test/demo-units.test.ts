/**
 * The demo's pure parts in Node: the colour scale, mel pictures, model file sorting and WAV input.
 */
import { HIFIGAN_PRESET, isVocoderError } from '@voirs/core';
import { writeWav } from '@voirs/dsp';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_SECONDS, clipMel, decodeClip } from '../demo/audio-input.js';
import { magma } from '../demo/colormap.js';
import { readModelFiles } from '../demo/hifigan-files.js';
import { melPixels, melRange } from '../demo/mel-image.js';

const codeOf = async (work: () => unknown) => {
  try {
    await work();
  } catch (error) {
    return isVocoderError(error) ? error.code : String(error);
  }
  return 'no error';
};

describe('demo', () => {
  it('maps 0..1 to a dark-to-bright ramp, clamping outside', () => {
    expect(magma(0)).toEqual([0, 0, 4]);
    expect(magma(1)).toEqual([252, 253, 191]);
    expect(magma(-3)).toEqual(magma(0));
    expect(magma(Number.NaN)).toEqual(magma(0));
    const luminance = (t: number) => magma(t).reduce((s, v) => s + v, 0);
    for (let t = 0; t < 1; t += 0.05) expect(luminance(t + 0.05)).toBeGreaterThan(luminance(t));
  });

  it('draws a mel with low bands at the bottom over a shared range', () => {
    const mel = {
      data: Float32Array.from([0, 1, 2, 10, 11, 12]),
      nMels: 2,
      frames: 3,
      convention: HIFIGAN_PRESET,
    };
    const range = melRange(mel, { ...mel, data: Float32Array.from([-4, 0, 0, 0, 0, 0]) });
    expect(range).toEqual({ min: -4, max: 12 });
    const pixels = melPixels(mel, range);
    expect(pixels.length).toBe(2 * 3 * 4);
    // row 0 is the top band (values 10..12), row 1 the bottom band (0..2)
    expect([...pixels.subarray(8, 12)]).toEqual([...magma(1), 255]);
    expect([...pixels.subarray(12, 16)]).toEqual([...magma(4 / 16), 255]);
    expect(melRange({ ...mel, data: new Float32Array(6).fill(3) })).toEqual({ min: 3, max: 4 });
  });

  it('sorts picked model files into a checkpoint and its config.json', async () => {
    const checkpoint = new File([new Uint8Array([1, 2, 3])], 'generator_v2');
    const config = new File(['{"upsample_rates": [8, 8, 2, 2]}'], 'config.json');
    const model = await readModelFiles([config, checkpoint]);
    expect(model).toEqual({
      name: 'generator_v2',
      bytes: new Uint8Array([1, 2, 3]),
      config: { upsample_rates: [8, 8, 2, 2] },
    });
    expect((await readModelFiles([checkpoint])).config).toBeUndefined();
    expect(await codeOf(() => readModelFiles([config]))).toBe('E_INVALID_ARGUMENT');
    expect(await codeOf(() => readModelFiles([checkpoint, checkpoint]))).toBe('E_INVALID_ARGUMENT');
    expect(await codeOf(() => readModelFiles([checkpoint, new File(['[1]'], 'config.json')]))).toBe(
      'E_CONFIG_INVALID',
    );
    expect(await codeOf(() => readModelFiles([checkpoint, new File(['{'], 'config.json')]))).toBe(
      'E_CONFIG_INVALID',
    );
  });

  it('decodes WAV input, computes its mel at the convention rate, and refuses long clips', async () => {
    const samples = new Float32Array(16000).map((_, i) => 0.3 * Math.sin(i / 5));
    const bytes = writeWav({ samples, sampleRate: 16000, channels: 1 });
    const clip = decodeClip(new Uint8Array(bytes), 'tone.wav');
    expect(clip.audio.sampleRate).toBe(16000);
    expect(clipMel(clip, HIFIGAN_PRESET).frames).toBe(Math.floor(22050 / 256));
    const long = writeWav({
      samples: new Float32Array(1000 * (MAX_INPUT_SECONDS + 1)),
      sampleRate: 1000,
      channels: 1,
    });
    expect(await codeOf(() => decodeClip(new Uint8Array(long), 'long.wav'))).toBe(
      'E_AUDIO_INVALID',
    );
    expect(await codeOf(() => decodeClip(new Uint8Array(8), 'x.wav'))).toMatch(/^E_WAV_/);
  });
});
