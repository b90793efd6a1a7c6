/**
 * Audio and array file formats: WAV (read, write, streaming write) and `.npy`. Browser-safe: these
 * functions work on bytes; file helpers live in the `@voirs/dsp/node` entry.
 */
export type { NpyArray, NpyDType, NpyDataMap } from './npy-dtype.js';
export { readNpy, type ReadNpyOptions } from './npy-read.js';
export { writeNpy, type NpyWritableArray } from './npy-write.js';
export { audioFromNpy, melFromNpy } from './npy-convert.js';
export { parsePythonLiteral, type PyLiteral } from './python-literal.js';
export type { WavEncoding, WavFormat, WavSampleFormat } from './wav-format.js';
export { WAV_SAMPLE_FORMATS } from './wav-format.js';
export { readWav, type ReadWavOptions, type ReadWavResult } from './wav-read.js';
export { writeWav, type WriteWavOptions } from './wav-write.js';
export {
  WavStreamWriter,
  type WavSink,
  type WavStreamSummary,
  type WavStreamWriterOptions,
} from './wav-stream-writer.js';
export { writableStreamSink } from './writable-stream-sink.js';
