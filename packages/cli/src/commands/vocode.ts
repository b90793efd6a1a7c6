/**
 * `voirs-vocoder vocode <in.wav|in.npy> -o <out.wav|out.npy> [--vocoder name] …`
 */
import {
  PRECISIONS,
  QUALITY_LEVELS,
  SAMPLE_FORMATS,
  audioDuration,
  loadVocoder,
  vocoders,
  type SampleFormat,
} from '@voirs/core';
import { writeNpy, writeWav } from '@voirs/dsp';
import { writeFileAtomic } from '@voirs/dsp/node';
import { choiceOption, intOption, parseCommandArgs, positionals, usageError } from '../args.js';
import type { Command } from '../command.js';
import { outputKind } from '../files.js';
import { readMelInput } from '../vocode-job.js';
import { DIFFWAVE_FLAGS, DIFFWAVE_HELP, diffwaveOptions } from '../diffwave-options.js';
import { createFileChain, readEffectChainFile, runEffectChain } from '../effects-chain-file.js';
import { WAVEGLOW_FLAGS, WAVEGLOW_HELP, waveglowOptions } from '../waveglow-options.js';
import { STREAM_FLAGS, STREAM_HELP, streamSettings, vocodeStreamed } from '../vocode-stream.js';
import { resolveModelSource } from '../model-source.js';
import { registerBuiltinPlugins } from '../plugins.js';
import { Reporter } from '../reporter.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  vocoder: { type: 'string' },
  format: { type: 'string' },
  quality: { type: 'string' },
  seed: { type: 'string' },
  iterations: { type: 'string' },
  model: { type: 'string', short: 'm' },
  arch: { type: 'string' },
  backend: { type: 'string' },
  threads: { type: 'string' },
  precision: { type: 'string' },
  effects: { type: 'string' },
  ...DIFFWAVE_FLAGS,
  ...WAVEGLOW_FLAGS,
  ...STREAM_FLAGS,
} as const;

export const vocodeCommand: Command = {
  name: 'vocode',
  summary: 'turn a WAV (copy synthesis) or a mel .npy into speech',
  help: `Usage: voirs-vocoder vocode <in.wav|in.npy> -o <out.wav|out.npy> [options]

A .wav input is analysed with the vocoder's mel preset (resampled to its rate when needed), then
vocoded: copy synthesis. A .npy input is taken as a float32 [n_mels, frames] (or [1, n_mels, frames])
mel in the vocoder's native convention. Inputs are recognised by content, not by extension. A .npy
output holds float32 samples [N]. Outputs are written atomically.

Options:
  -o, --output <file>    .wav or .npy to write
  --vocoder <name>       griffinlim (default, model-free), hifigan, diffwave or waveglow
  -m, --model <path>     hifigan: a checkpoint file (its config.json beside it is used), a folder
                         holding a checkpoint and config.json, or a converted .onnx
                         diffwave: an official checkpoint (.pt: {'model', 'params'}) or a converted .onnx
                         waveglow: NVIDIA's checkpoint (a whole pickled glow.WaveGlow), a state dict
                         with NVIDIA's config.json beside it, or a converted .onnx
  --arch <v1|v2|v3>      built-in architecture when the checkpoint has no config.json
  --backend <name>       node (onnxruntime-node, default) or web (onnxruntime-web WASM)
  --threads <n>          intra-op threads of the model session
  --precision <p>        fp32 (default) or int8 (hifigan: quantised and calibrated at load, faster,
                         lower quality; or import once with "models import --precision int8")
  --format <fmt>         WAV sample format: ${SAMPLE_FORMATS.join(', ')} (default s16)
  --quality <level>      ${QUALITY_LEVELS.join(', ')} (default high)
  --seed <n>             seed for stochastic vocoders and Griffin-Lim's initial phase
  --iterations <n>       Griffin-Lim iterations (overrides --quality)
  --effects <file>       effect chain (JSON) applied to the audio before writing; see "fx --help"
${STREAM_HELP}
${DIFFWAVE_HELP}
${WAVEGLOW_HELP}
  -q, --quiet            no messages or progress bar
  --json                 print a JSON summary on stdout`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'vocode');
    const [input] = positionals(rest, ['in.wav|in.npy'], 'vocode');
    const output = values.output ?? usageError('Missing -o <out.wav|out.npy>.', 'vocode');
    const stream = streamSettings(values, output, 'vocode');
    const kind =
      stream !== undefined
        ? 'wav'
        : (outputKind(output) ??
          usageError(`The output must end in .wav or .npy, got "${output}".`, 'vocode'));
    const format =
      choiceOption<SampleFormat>(values.format, 'format', SAMPLE_FORMATS, 'vocode') ?? 's16';
    if (values.format !== undefined && kind !== 'wav')
      usageError('--format applies to .wav outputs only.', 'vocode');
    const quality = choiceOption(values.quality, 'quality', QUALITY_LEVELS, 'vocode');
    const seed = intOption(values.seed, 'seed', 0, 2 ** 32 - 1, 'vocode');
    const iterations = intOption(values.iterations, 'iterations', 1, 10_000, 'vocode');
    const threads = intOption(values.threads, 'threads', 1, 256, 'vocode');
    const precision = choiceOption(values.precision, 'precision', PRECISIONS, 'vocode');
    const reporter = new Reporter(context.streams, values);

    registerBuiltinPlugins();
    const plugin = vocoders.get(values.vocoder ?? 'griffinlim');
    if (iterations !== undefined && plugin.name !== 'griffinlim') {
      usageError(`--iterations applies to the griffinlim vocoder, not ${plugin.name}.`, 'vocode');
    }
    const waveglow = await waveglowOptions(values, plugin.name, 'vocode');
    const diffwave = await diffwaveOptions(
      plugin.name === 'waveglow' ? { ...values, noise: undefined } : values,
      plugin.name,
      'vocode',
    );

    for (const flag of ['model', 'arch', 'backend', 'threads', 'precision'] as const) {
      if (values[flag] !== undefined && !plugin.requiresModel) {
        usageError(`--${flag} applies to model vocoders (hifigan), not ${plugin.name}.`, 'vocode');
      }
    }
    if (plugin.requiresModel && values.model === undefined) {
      usageError(
        `The ${plugin.name} vocoder needs --model <checkpoint|folder|model.onnx>.`,
        'vocode',
      );
    }
    const effects =
      values.effects === undefined ? undefined : await readEffectChainFile(values.effects);
    const vocoder = await loadVocoder({
      vocoder: plugin.name,
      model: values.model === undefined ? undefined : await resolveModelSource(values.model),
      backend: values.backend,
      modelConfig: { arch: values.arch, threads, precision },
      signal: context.signal,
    });
    const mel = await readMelInput(input!, vocoder.metadata.convention, (from, to) =>
      reporter.info(
        `Resampling ${from} Hz -> ${to} Hz for the ${vocoder.metadata.convention.name} preset.`,
      ),
    ).catch(async (error: unknown) => {
      await vocoder.dispose();
      throw error;
    });
    try {
      if (stream !== undefined) {
        const synthesis = {
          quality,
          seed,
          options: iterations === undefined ? (diffwave ?? waveglow) : { iterations },
        };
        const streamed = await vocodeStreamed({
          vocoder,
          mel,
          output,
          settings: stream,
          format,
          synthesis,
          signal: context.signal,
          stdout: context.streams.stdout,
          reporter,
        });
        reporter.summary({
          ok: true,
          input,
          output,
          vocoder: plugin.name,
          arch: vocoder.metadata.arch,
          convention: mel.convention.name,
          ...streamed,
        });
        return 0;
      }
      const chain =
        effects &&
        createFileChain(effects, { sampleRate: vocoder.metadata.sampleRate, channels: 1 });
      const started = performance.now();
      const vocoded = await vocoder.vocode(mel, {
        quality,
        seed,
        signal: context.signal,
        onProgress: (f) => reporter.progress(f, 'vocoding'),
        options: iterations === undefined ? (diffwave ?? waveglow) : { iterations },
      });
      const seconds = (performance.now() - started) / 1000;
      const processed = chain && runEffectChain(chain, vocoded, { signal: context.signal });
      const audio = processed?.audio ?? vocoded;
      const bytes =
        kind === 'wav'
          ? writeWav(audio, { format })
          : writeNpy(audio.samples, [audio.samples.length]);
      await writeFileAtomic(output, bytes);
      const duration = audioDuration(audio);
      reporter.info(
        `Wrote ${output}: ${duration.toFixed(2)} s at ${audio.sampleRate} Hz with ${plugin.name} ` +
          `in ${seconds.toFixed(2)} s (RTF ${(seconds / duration).toFixed(3)}).`,
      );
      reporter.summary({
        ok: true,
        input,
        output,
        vocoder: plugin.name,
        arch: vocoder.metadata.arch,
        convention: mel.convention.name,
        frames: mel.frames,
        samples: audio.samples.length,
        sampleRate: audio.sampleRate,
        durationSeconds: duration,
        elapsedSeconds: seconds,
        rtf: seconds / duration,
        ...(processed ? { effects: processed.effects, effectReports: processed.reports } : {}),
      });
      return 0;
    } finally {
      await vocoder.dispose();
    }
  },
};
