/**
 * `voirs-vocoder fx <in.wav> -o <out.wav> --effects chain.json [--format s16|s24|f32]`
 */
import { SAMPLE_FORMATS, audioDuration, type SampleFormat } from '@voirs/core';
import { readWav, writeWav } from '@voirs/dsp';
import { writeFileAtomic } from '@voirs/dsp/node';
import { EFFECT_PLUGINS } from '@voirs/effects';
import { choiceOption, numberOption, parseCommandArgs, positionals, usageError } from '../args.js';
import type { Command } from '../command.js';
import {
  createFileChain,
  overs,
  readEffectChainFile,
  runEffectChain,
} from '../effects-chain-file.js';
import { outputKind, readInputFile, sniffInput, unsupportedInput } from '../files.js';
import { Reporter } from '../reporter.js';

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  effects: { type: 'string', short: 'e' },
  format: { type: 'string' },
  tail: { type: 'string' },
} as const;

export const fxCommand: Command = {
  name: 'fx',
  summary: 'apply an effect chain (chain.json) to a WAV file',
  help: `Usage: voirs-vocoder fx <in.wav> -o <out.wav> --effects chain.json [options]

Runs the effect chain described by chain.json over every channel of a WAV file and writes the
result atomically. The chain's latency (a limiter's lookahead) is compensated: the output lines up
with the input and has its length (plus --tail). A chain is a JSON array of
  { "effect": name, "params": {...}, "bypass"?: bool, "mix"?: 0..1, "automation"?: [...] }
for example [{"effect": "limiter", "params": {"ceilingDb": -6}}]. A convolution slot may name its
impulse response as "params": {"irFile": "room.wav"}, relative to the chain file.

Effects: ${EFFECT_PLUGINS.map((p) => p.name).join(', ')}.

Options:
  -o, --output <file>    .wav to write
  -e, --effects <file>   the chain (JSON)
  --format <fmt>         WAV sample format: ${SAMPLE_FORMATS.join(', ')} (default s16)
  --tail <seconds>       extra output after the input ends, for reverb tails (default 0)
  -q, --quiet            no messages
  --json                 print a JSON summary (with the effects' reports) on stdout`,
  async run(argv, context) {
    const { values, positionals: rest } = parseCommandArgs(argv, OPTIONS, 'fx');
    const [input] = positionals(rest, ['in.wav'], 'fx');
    const output = values.output ?? usageError('Missing -o <out.wav>.', 'fx');
    if (outputKind(output) !== 'wav')
      usageError(`The output must end in .wav, got "${output}".`, 'fx');
    const chainFile = values.effects ?? usageError('Missing --effects <chain.json>.', 'fx');
    const format =
      choiceOption<SampleFormat>(values.format, 'format', SAMPLE_FORMATS, 'fx') ?? 's16';
    const tailSeconds = numberOption(values.tail, 'tail', 0, 600, 'fx') ?? 0;
    const reporter = new Reporter(context.streams, values);

    const chainSpec = await readEffectChainFile(chainFile);
    const bytes = await readInputFile(input!);
    if (sniffInput(bytes) !== 'wav') unsupportedInput(input!, 'a WAV file');
    const { audio: source } = readWav(bytes, { name: input });
    const chain = createFileChain(chainSpec, {
      sampleRate: source.sampleRate,
      channels: source.channels,
    });
    const started = performance.now();
    const result = runEffectChain(chain, source, { signal: context.signal, tailSeconds });
    const seconds = (performance.now() - started) / 1000;
    const clipped = format === 'f32' ? 0 : overs(result.audio);
    await writeFileAtomic(output, writeWav(result.audio, { format }));

    const duration = audioDuration(result.audio);
    reporter.info(
      `Wrote ${output}: ${duration.toFixed(2)} s, ${result.audio.channels} ch at ${result.audio.sampleRate} Hz through ` +
        `${result.effects.join(' -> ') || 'an empty chain'} in ${seconds.toFixed(2)} s.`,
    );
    if (clipped > 0)
      reporter.info(
        `Warning: ${clipped} samples were beyond full scale and clipped; end the chain with a limiter or clip-guard.`,
      );
    for (const { index, effect, report } of result.reports) {
      if (report.clipping === true || report.coherent === false)
        reporter.info(`Warning: ${effect} (slot ${index}): ${JSON.stringify(report)}`);
    }
    reporter.summary({
      ok: true,
      input,
      output,
      effects: result.effects,
      latencyFrames: result.latencyFrames,
      sampleRate: result.audio.sampleRate,
      channels: result.audio.channels,
      durationSeconds: duration,
      elapsedSeconds: seconds,
      clippedSamples: clipped,
      reports: result.reports,
    });
    return 0;
  },
};
