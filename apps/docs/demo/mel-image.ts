/**
 * Mel spectrograms as pictures: low bands at the bottom, one column per frame, values mapped
 * through {@link magma} over a shared range so that two views compare.
 */
import type { MelSpectrogram } from '@voirs/core';
import { magma } from './colormap.js';

/** The value range a picture maps to the colour scale. */
export interface MelRange {
  readonly min: number;
  readonly max: number;
}

/** The smallest and largest values of some mels (the range that shows all of them). */
export function melRange(...mels: readonly MelSpectrogram[]): MelRange {
  let min = Infinity;
  let max = -Infinity;
  for (const mel of mels) {
    for (const v of mel.data) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!(max > min)) return { min, max: min + 1 };
  return { min, max };
}

/** RGBA pixels (`frames` wide, `nMels` high, row 0 = the highest band) of `mel` over `range`. */
export function melPixels(mel: MelSpectrogram, range: MelRange): Uint8ClampedArray<ArrayBuffer> {
  const { nMels, frames, data } = mel;
  const pixels = new Uint8ClampedArray(new ArrayBuffer(nMels * frames * 4));
  const scale = 1 / (range.max - range.min);
  for (let m = 0; m < nMels; m++) {
    const row = nMels - 1 - m;
    for (let t = 0; t < frames; t++) {
      const [r, g, b] = magma((data[m * frames + t]! - range.min) * scale);
      const p = (row * frames + t) * 4;
      pixels[p] = r;
      pixels[p + 1] = g;
      pixels[p + 2] = b;
      pixels[p + 3] = 255;
    }
  }
  return pixels;
}

/** Draws `mel` on `canvas` (resized to one pixel per frame and band; CSS stretches it). */
export function drawMel(canvas: HTMLCanvasElement, mel: MelSpectrogram, range: MelRange): void {
  canvas.width = mel.frames;
  canvas.height = mel.nMels;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser gives no 2D canvas context.');
  context.putImageData(new ImageData(melPixels(mel, range), mel.frames, mel.nMels), 0, 0);
}
