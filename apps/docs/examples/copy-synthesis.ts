/**
 * Getting started, library example: analyse a WAV into a HiFi-GAN-convention mel and vocode it
 * back with the embedded Griffin-Lim vocoder. `test/guide-examples.test.ts` runs it on
 * examples/speech.wav.
 */
// #region copy-synthesis
import { HIFIGAN_PRESET, loadVocoder, register, vocoders } from '@voirs/core';
import { computeMel, griffinLimPlugin, readWav, writeWav } from '@voirs/dsp';

/** WAV bytes in, vocoded WAV bytes (16-bit) out. */
export async function copySynthesis(wav: Uint8Array): Promise<Uint8Array> {
  if (!vocoders.has('griffinlim')) register(griffinLimPlugin); // or: import '@voirs/dsp/register'
  const { audio } = readWav(wav);
  const mel = computeMel(audio, HIFIGAN_PRESET, { resample: true }); // carries its convention
  const vocoder = await loadVocoder({ vocoder: 'griffinlim' });
  try {
    const speech = await vocoder.vocode(mel, { quality: 'medium', seed: 1 });
    return writeWav(speech, { format: 's16' });
  } finally {
    await vocoder.dispose();
  }
}
// #endregion copy-synthesis
