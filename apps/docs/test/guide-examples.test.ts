/**
 * The library examples the guide and concept pages include (examples/*.ts) run and produce speech.
 */
import { readFileSync } from 'node:fs';
import { HIFIGAN_PRESET, audioDuration } from '@voirs/core';
import { sharedFile } from '@voirs/core/testing';
import { computeMel, griffinLimPlugin, readWav, rmsDb } from '@voirs/dsp';
import { describe, expect, it } from 'vitest';
import { copySynthesis } from '../examples/copy-synthesis.js';
import { vocodeWithHifigan } from '../examples/hifigan-node.js';
import { streamMel } from '../examples/stream-chunks.js';

const wav = new Uint8Array(readFileSync(new URL('../../../examples/speech.wav', import.meta.url)));
const input = readWav(wav).audio;
const frames = computeMel(input, HIFIGAN_PRESET).frames;
const checkpoint = sharedFile('models/hifigan-v2-ljspeech/generator_v2');

describe('guide examples', () => {
  it('copySynthesis turns examples/speech.wav into speech of the same length', async () => {
    const out = readWav(await copySynthesis(wav));
    expect(out.format).toMatchObject({ sampleRate: 22050, channels: 1, bitDepth: 16 });
    expect(out.audio.samples.length).toBe(frames * 256);
    expect(rmsDb(out.audio)).toBeGreaterThan(rmsDb(input) - 10);
  });

  it('streamMel streams Griffin-Lim in chunks with latency figures', async () => {
    const vocoder = await griffinLimPlugin.create();
    const mel = computeMel(input, HIFIGAN_PRESET);
    const { audio, summary } = await streamMel(vocoder, mel, 32);
    await vocoder.dispose();
    expect(audio.samples.length).toBe(mel.frames * 256);
    expect(summary.frames).toBe(mel.frames);
    expect(summary.chunks).toBeGreaterThanOrEqual(Math.floor(mel.frames / 32));
    expect(summary.firstAudioMs).toBeGreaterThan(0);
    expect(audioDuration(audio)).toBeCloseTo(summary.audioMs / 1000, 6);
  });

  it.skipIf(!checkpoint)('vocodeWithHifigan runs the official V2 checkpoint', async () => {
    const audio = await vocodeWithHifigan(checkpoint!, wav);
    expect(audio.sampleRate).toBe(22050);
    expect(audio.samples.length).toBe(frames * 256);
    expect(rmsDb(audio)).toBeGreaterThan(rmsDb(input) - 10);
  });
});
