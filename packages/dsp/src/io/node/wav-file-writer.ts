/**
 * Streaming WAV output to a file, written atomically.
 */
import { WavStreamWriter, type WavStreamWriterOptions } from '../wav-stream-writer.js';
import { openAtomicFileSink } from './atomic-file-sink.js';

/**
 * Opens a {@link WavStreamWriter} that writes to `<path>.partial-<random>` and, at `close()`,
 * patches the header with the real sizes and renames the file to `path` (replacing it). `abort()`
 * or any failure deletes the temporary file, so `path` is never left half-written.
 *
 * ```ts
 * const writer = await createWavFileWriter('out.wav', { sampleRate: 22050, format: 's16' });
 * for await (const block of vocoder.vocodeStream(mels)) await writer.write(block);
 * await writer.close();
 * ```
 * @throws VocoderError `E_IO` / `E_FILE_NOT_FOUND` when the file cannot be created.
 */
export async function createWavFileWriter(
  path: string,
  options: WavStreamWriterOptions,
): Promise<WavStreamWriter> {
  if (typeof path !== 'string' || path.length === 0)
    throw new TypeError('createWavFileWriter expects a file path');
  const sink = await openAtomicFileSink(path);
  try {
    return new WavStreamWriter(sink, options);
  } catch (error) {
    await sink.abort?.(error);
    throw error;
  }
}
