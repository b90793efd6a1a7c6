/**
 * `voirs-vocoder mel <in.wav> -o <out.npy> [--preset hifigan|diffwave|waveglow]`
 */
import { MEL_PRESETS, getMelPreset, type MelPresetName } from '@voirs/core';
import { computeMel, readWav, writeNpy } from '@voirs/dsp';
import { writeFileAtomic } from '@voirs/dsp/node';
import { choiceOption, parseCommandArgs, positionals, usageError } from '../args.js';
import type { Command } from '../command.js';
import { outputKind, readInputFile, sniffInput, unsupportedInput } from '../files.js';
import { Reporter } from '../reporter.js';

const PRESETS = Object.keys(MEL_PRESETS) as MelPresetName[];

export const melCommand: Command = {
  name: 'mel',
  summary: 'compute a mel spectrogram (.npy, float32 [n_mels, frames]) from a WAV',
  help: `Usage: voirs-vocoder mel <in.wav> -o <out.npy> [--preset ${PRESETS.join('|')}]

Computes the log-mel spectrogram of a WAV with one of the official model frontends and writes it as a
float32 .npy of shape [n_mels, frames]. Multi-channel input is averaged to mono; input at another
sample rate is resampled to the preset's rate (22050 Hz) first.

Options:
  -o, --output <file>   the .npy to write (written atomically)
  --preset <name>       mel convention: ${PRESETS.join(', ')} (default hifigan)
  -q, --quiet           no messages
  --json                print a JSON summary on stdout`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(
      argv,
      { output: { type: 'string', short: 'o' }, preset: { type: 'string' } },
      'mel',
    );
    const [input] = positionals(rest, ['in.wav'], 'mel');
    const output = values.output ?? usageError('Missing -o <out.npy>.', 'mel');
    if (outputKind(output) !== 'npy')
      usageError(`The output must be a .npy file, got "${output}".`, 'mel');
    const preset = getMelPreset(choiceOption(values.preset, 'preset', PRESETS, 'mel') ?? 'hifigan');
    const reporter = new Reporter(context.streams, values);

    const bytes = await readInputFile(input!);
    if (sniffInput(bytes) !== 'wav') unsupportedInput(input!, 'a WAV file');
    const { audio } = readWav(bytes, { name: input });
    if (audio.sampleRate !== preset.sampleRate) {
      reporter.info(
        `Resampling ${audio.sampleRate} Hz -> ${preset.sampleRate} Hz for the ${preset.name} preset.`,
      );
    }
    const mel = computeMel(audio, preset, { resample: true });
    await writeFileAtomic(output, writeNpy(mel.data, [mel.nMels, mel.frames]));
    reporter.info(`Wrote ${output}: ${mel.nMels} x ${mel.frames} ${preset.name} mel.`);
    reporter.summary({
      ok: true,
      input,
      output,
      preset: preset.name,
      nMels: mel.nMels,
      frames: mel.frames,
    });
    return 0;
  },
};
