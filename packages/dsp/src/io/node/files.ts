/**
 * Whole-file helpers for Node: read and write WAV and `.npy` files by path. Writes are atomic
 * (temporary file + rename) and file-system errors become `E_FILE_NOT_FOUND` / `E_IO`.
 */
import { readFile } from 'node:fs/promises';
import type { AudioBuffer } from '@voirs/core';
import { readNpy } from '../npy-read.js';
import type { NpyArray } from '../npy-dtype.js';
import { writeNpy, type NpyWritableArray } from '../npy-write.js';
import { readWav, type ReadWavOptions, type ReadWavResult } from '../wav-read.js';
import { writeWav, type WriteWavOptions } from '../wav-write.js';
import { openAtomicFileSink } from './atomic-file-sink.js';
import { fsError } from './fs-error.js';

async function readBytes(path: string): Promise<Uint8Array> {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError('expected a file path');
  try {
    const buffer = await readFile(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    throw fsError(error, 'read', path);
  }
}

/** Writes `bytes` to `path` atomically (a temporary file renamed into place). */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError('expected a file path');
  const sink = await openAtomicFileSink(path);
  await sink.write(bytes);
  await sink.close();
}

/** Reads and parses a WAV file; see {@link readWav}. Error messages name the file. */
export async function readWavFile(
  path: string,
  options: ReadWavOptions = {},
): Promise<ReadWavResult> {
  return readWav(await readBytes(path), { name: path, ...options });
}

/** Encodes `audio` with {@link writeWav} and writes it to `path` atomically. */
export async function writeWavFile(
  path: string,
  audio: AudioBuffer,
  options: WriteWavOptions = {},
): Promise<void> {
  await writeFileAtomic(path, writeWav(audio, options));
}

/** Reads and parses a `.npy` file; see {@link readNpy}. Error messages name the file. */
export async function readNpyFile(path: string): Promise<NpyArray> {
  return readNpy(await readBytes(path), { name: path });
}

/** Serialises an array with {@link writeNpy} and writes it to `path` atomically. */
export async function writeNpyFile(
  path: string,
  data: NpyWritableArray,
  shape: readonly number[],
): Promise<void> {
  await writeFileAtomic(path, writeNpy(data, shape));
}
