/**
 * Inputs of the no-data-loss tests: a long WAV (examples/speech.wav repeated to `seconds`), a
 * folder of clips for `batch`, the tiny HiFi-GAN checkpoint with its config.json, and an effect
 * chain, written into `dir`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAudioBuffer } from '@voirs/core';
import { REPO_ROOT } from '@voirs/core/testing';
import { readWav, writeWav } from '@voirs/dsp';
import { TINY_HIFIGAN_CONFIG, tinyHifiganCheckpoint } from '@voirs/hifigan/testing';

/** Paths of the written inputs. */
export interface KillInputs {
  readonly wav: string;
  /** A folder of six 15 s WAVs for `batch`. */
  readonly batchDir: string;
  readonly checkpoint: string;
  readonly chain: string;
}

export function writeKillInputs(dir: string, seconds: number): KillInputs {
  mkdirSync(join(dir, 'model'), { recursive: true });
  const speech = readWav(
    new Uint8Array(readFileSync(join(REPO_ROOT, 'examples', 'speech.wav'))),
  ).audio;
  const total = Math.round(seconds * speech.sampleRate);
  const samples = new Float32Array(total);
  for (let at = 0; at < total; at += speech.samples.length)
    samples.set(speech.samples.subarray(0, total - at), at);
  const wav = join(dir, 'long.wav');
  writeFileSync(wav, writeWav(createAudioBuffer(samples, speech.sampleRate, 1)));
  const batchDir = join(dir, 'batch');
  mkdirSync(batchDir);
  for (let i = 0; i < 6; i++) {
    const start = i * speech.sampleRate;
    const part = samples.subarray(start, start + 15 * speech.sampleRate);
    writeFileSync(
      join(batchDir, `clip-${i}.wav`),
      writeWav(createAudioBuffer(part.slice(), speech.sampleRate, 1)),
    );
  }
  const checkpoint = join(dir, 'model', 'generator.safetensors');
  writeFileSync(checkpoint, tinyHifiganCheckpoint());
  writeFileSync(join(dir, 'model', 'config.json'), JSON.stringify(TINY_HIFIGAN_CONFIG));
  const chain = join(dir, 'chain.json');
  writeFileSync(
    chain,
    JSON.stringify([
      { effect: 'compressor' },
      { effect: 'reverb', params: { rt60: 0.5 }, mix: 0.2 },
      { effect: 'limiter' },
    ]),
  );
  return { wav, batchDir, checkpoint, chain };
}
