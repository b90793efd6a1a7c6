/**
 * HiFi-GAN page, Node example: the official checkpoint and its config.json, converted to ONNX in
 * memory and run on onnxruntime-node. `test/guide-examples.test.ts` runs it on the official V2
 * checkpoint when ../shared holds it.
 */
// #region hifigan-node
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AudioBuffer } from '@voirs/core';
import { createNodeBackend } from '@voirs/backend-node';
import { computeMel, readWav } from '@voirs/dsp';
import { hifiganPlugin } from '@voirs/hifigan';

/** Vocodes a WAV's mel with a HiFi-GAN checkpoint (its config.json beside it). */
export async function vocodeWithHifigan(checkpoint: string, wav: Uint8Array): Promise<AudioBuffer> {
  const config = JSON.parse(await readFile(join(dirname(checkpoint), 'config.json'), 'utf8'));
  const bytes = new Uint8Array(await readFile(checkpoint));
  const vocoder = await hifiganPlugin.create({
    model: { bytes, name: checkpoint, config },
    backend: createNodeBackend({ sessionDefaults: { intraOpThreads: 2 } }),
  });
  try {
    const mel = computeMel(readWav(wav).audio, vocoder.metadata.convention, { resample: true });
    return await vocoder.vocode(mel);
  } finally {
    await vocoder.dispose();
  }
}
// #endregion hifigan-node
