/**
 * The demo's input: a WAV file (picked, dropped or the example clip) decoded with @voirs/dsp, and
 * its mel spectrogram in a vocoder's convention.
 */
import {
  InputError,
  audioDuration,
  type AudioBuffer,
  type MelConvention,
  type MelSpectrogram,
} from '@voirs/core';
import { computeMel, readWav } from '@voirs/dsp';

/** A decoded input clip. */
export interface InputClip {
  readonly name: string;
  readonly audio: AudioBuffer;
  /** The file as it was given (for the "original" player). */
  readonly bytes: Uint8Array<ArrayBuffer>;
}

/** Longest clip the demo takes (seconds): everything is held in memory twice. */
export const MAX_INPUT_SECONDS = 60;

/**
 * Decodes WAV bytes.
 * @throws FormatError `E_WAV_INVALID` / `E_WAV_TRUNCATED` / `E_WAV_UNSUPPORTED` (from readWav);
 * InputError `E_AUDIO_INVALID` for a clip longer than {@link MAX_INPUT_SECONDS}.
 */
export function decodeClip(bytes: Uint8Array<ArrayBuffer>, name: string): InputClip {
  const { audio } = readWav(bytes, { name });
  const seconds = audioDuration(audio);
  if (seconds > MAX_INPUT_SECONDS) {
    throw new InputError(
      'E_AUDIO_INVALID',
      `${name} lasts ${seconds.toFixed(1)} s; the demo takes clips of up to ${MAX_INPUT_SECONDS} s (use the CLI for longer ones).`,
    );
  }
  return { name, audio, bytes };
}

/** Reads a File (picked or dropped). */
export async function readClipFile(file: File): Promise<InputClip> {
  return decodeClip(new Uint8Array(await file.arrayBuffer()), file.name);
}

/** Fetches a clip served with the site. */
export async function fetchClip(url: string, name: string): Promise<InputClip> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load ${name}: HTTP ${response.status}.`);
  return decodeClip(new Uint8Array(await response.arrayBuffer()), name);
}

/** The clip's mel in `convention`, resampled to its rate when needed (channels are averaged). */
export function clipMel(clip: InputClip, convention: MelConvention): MelSpectrogram {
  return computeMel(clip.audio, convention, { resample: true });
}
