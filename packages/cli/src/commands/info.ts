/**
 * `voirs-vocoder info <file>`: describes a WAV, a .npy array or a model file.
 */
import { audioDuration } from '@voirs/core';
import { readNpy, readWav } from '@voirs/dsp';
import { parseCommandArgs, positionals } from '../args.js';
import type { Command } from '../command.js';
import { detectFormat } from '@voirs/checkpoint';
import { readInputFile, sniffInput, unsupportedInput } from '../files.js';
import { describeModel } from '../info-model.js';

const MODEL_FORMATS = new Set(['torch-zip', 'torch-legacy', 'safetensors', 'npz', 'onnx']);

export const infoCommand: Command = {
  name: 'info',
  summary: 'describe a WAV, .npy or model file',
  help: `Usage: voirs-vocoder info <file> [--json]

Describes a WAV (encoding, rate, channels, duration, peak and RMS level), a .npy array (dtype,
shape, what it looks like), a checkpoint (format, which vocoder it looks like, tensors,
parameters; read by the safe readers, nothing in it is executed) or an ONNX model (opsets, inputs,
outputs, voirs-vocoder metadata). Files are recognised by content.`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, {}, 'info');
    const [path] = positionals(rest, ['file'], 'info');
    const bytes = await readInputFile(path!);
    let description: Record<string, unknown>;
    switch (sniffInput(bytes)) {
      case 'wav': {
        const { audio, format, streamed } = readWav(bytes, { name: path });
        let peak = 0;
        let sumSquares = 0;
        for (const s of audio.samples) {
          peak = Math.max(peak, Math.abs(s));
          sumSquares += s * s;
        }
        const rms = Math.sqrt(sumSquares / Math.max(1, audio.samples.length));
        description = {
          type: 'wav',
          encoding: format.encoding,
          bitDepth: format.bitDepth,
          sampleRate: format.sampleRate,
          channels: format.channels,
          frames: audio.samples.length / audio.channels,
          durationSeconds: audioDuration(audio),
          peakDbfs: 20 * Math.log10(Math.max(peak, 1e-12)),
          rmsDbfs: 20 * Math.log10(Math.max(rms, 1e-12)),
          streamedHeader: streamed,
        };
        break;
      }
      case 'npy': {
        const npy = readNpy(bytes, { name: path });
        const shape = npy.shape;
        const dims = shape.length === 3 && shape[0] === 1 ? shape.slice(1) : shape;
        const looksLike =
          dims.length === 2 && dims[0] === 80
            ? `a mel spectrogram [80 bands, ${dims[1]} frames]`
            : dims.length === 2 && dims[1] === 80
              ? 'a transposed mel spectrogram [frames, 80]: save its transpose for voirs-vocoder'
              : dims.length === 1 || (dims.length === 2 && dims[0] === 1)
                ? 'mono audio samples'
                : 'an array';
        description = { type: 'npy', dtype: npy.dtype, shape, looksLike };
        break;
      }
      default: {
        const format = detectFormat(bytes);
        if (!MODEL_FORMATS.has(format))
          return unsupportedInput(path!, 'a WAV, .npy, checkpoint or ONNX file');
        description = describeModel(bytes, format);
      }
    }
    if (values.json) {
      context.streams.stdout.write(
        `${JSON.stringify({ ok: true, file: path, ...description }, null, 2)}\n`,
      );
    } else {
      const lines = Object.entries(description)
        .filter(([, v]) => v !== undefined)
        .map(
          ([k, v]) =>
            `  ${k}: ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(3) : Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`,
        );
      context.streams.stdout.write(`${path}\n${lines.join('\n')}\n`);
    }
    return 0;
  },
};
