/**
 * A seekable {@link WavSink} writing to a temporary file beside the target and renaming it into
 * place at close, so readers never see a half-written file. The temporary file is deleted on abort
 * or on any failure.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import type { WavSink } from '../wav-stream-writer.js';
import { fsError } from './fs-error.js';

/** A sink whose bytes land at `path` only when `close()` succeeds. */
export interface AtomicFileSink extends WavSink {
  /** The temporary file (`<path>.partial-<random>`) being written. */
  readonly tempPath: string;
  writeAt(chunk: Uint8Array, position: number): Promise<void>;
}

/**
 * Opens `<path>.partial-<random hex>` for writing (it must not exist) and returns a sink on it.
 * @throws VocoderError `E_IO` / `E_FILE_NOT_FOUND` when the folder is missing or not writable.
 */
export async function openAtomicFileSink(path: string): Promise<AtomicFileSink> {
  const tempPath = `${path}.partial-${randomBytes(6).toString('hex')}`;
  let handle: FileHandle;
  try {
    handle = await open(tempPath, 'wx');
  } catch (error) {
    throw fsError(error, 'create', tempPath);
  }
  let position = 0;
  let finished = false;
  const discard = async () => {
    if (finished) return;
    finished = true;
    await handle.close().catch(() => undefined);
    await unlink(tempPath).catch(() => undefined);
  };
  const writeFully = async (chunk: Uint8Array, at: number) => {
    for (let done = 0; done < chunk.length;) {
      const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, at + done);
      done += bytesWritten;
    }
  };
  const guarded = async (action: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      await discard();
      throw fsError(error, action, tempPath);
    }
  };
  return {
    tempPath,
    write: (chunk) =>
      guarded('write', async () => {
        await writeFully(chunk, position);
        position += chunk.length;
      }),
    writeAt: (chunk, at) => guarded('write', () => writeFully(chunk, at)),
    close: () =>
      guarded('finish', async () => {
        if (finished) throw new Error('the file was already closed or discarded');
        await handle.close();
        finished = true;
        try {
          await rename(tempPath, path);
        } catch (error) {
          await unlink(tempPath).catch(() => undefined);
          throw error;
        }
      }),
    abort: () => discard(),
  };
}
