/**
 * `@voirs/dsp/node`: file-system helpers for Node (WAV and `.npy` files by path, atomic writes,
 * streaming WAV to files and Node streams). Everything else lives in the browser-safe main entry.
 * @packageDocumentation
 */
export { createWavFileWriter } from './io/node/wav-file-writer.js';
export { nodeStreamSink, type NodeStreamSinkOptions } from './io/node/node-stream-sink.js';
export {
  readNpyFile,
  readWavFile,
  writeFileAtomic,
  writeNpyFile,
  writeWavFile,
} from './io/node/files.js';
