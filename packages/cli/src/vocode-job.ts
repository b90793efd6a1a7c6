/**
 * The input side of vocoding a file, shared by `vocode` and the batch job module: a WAV is analysed
 * with the vocoder's mel convention (resampled to its rate when needed); a `.npy` is taken as a mel of
 * that convention. Files are recognised by content, never by extension.
 */
import type { MelSpectrogram } from '@voirs/core';
import { computeMel, melFromNpy, readNpy, readWav } from '@voirs/dsp';
import { readInputFile, sniffInput, unsupportedInput } from './files.js';

/**
 * Reads a WAV (analysed with `convention`) or a mel .npy (taken as `convention`). `onResample` hears
 * about a WAV whose rate is not the convention's.
 * @throws FormatError `E_UNSUPPORTED_FORMAT` and the WAV/npy readers' errors; `E_FILE_NOT_FOUND`.
 */
export async function readMelInput(
  path: string,
  convention: MelSpectrogram['convention'],
  onResample?: (from: number, to: number) => void,
): Promise<MelSpectrogram> {
  const bytes = await readInputFile(path);
  switch (sniffInput(bytes)) {
    case 'wav': {
      const { audio } = readWav(bytes, { name: path });
      if (audio.sampleRate !== convention.sampleRate)
        onResample?.(audio.sampleRate, convention.sampleRate);
      return computeMel(audio, convention, { resample: true });
    }
    case 'npy':
      return melFromNpy(readNpy(bytes, { name: path }), convention);
    default:
      return unsupportedInput(path, 'a WAV file or a .npy mel');
  }
}
