/**
 * Tables generated from the code they describe, included by the concept and vocoder pages
 * (`_parts/*.md`): the mel presets of @voirs/core, its error codes, the built-in vocoder plugins
 * and the effect plugins of @voirs/effects.
 */
import { ERROR_CODES, MEL_PRESETS, type MelConvention, type VocoderPlugin } from '@voirs/core';
import { GRIFFINLIM_ITERATIONS, GRIFFINLIM_MOMENTUM, griffinLimPlugin } from '@voirs/dsp';
import { diffwavePlugin } from '@voirs/diffwave';
import { EFFECT_PLUGINS } from '@voirs/effects';
import { HIFIGAN_ARCHS, hifiganPlugin, receptiveField } from '@voirs/hifigan';
import { waveglowPlugin } from '@voirs/waveglow';
import type { GeneratedPage } from './gen-cli.js';
import { table } from './markdown.js';

/** The vocoder plugins the project ships, in the order the site lists them. */
export const VOCODER_PLUGINS: readonly VocoderPlugin[] = [
  griffinLimPlugin,
  hifiganPlugin,
  diffwavePlugin,
  waveglowPlugin,
];

const show = (value: unknown): string =>
  typeof value === 'object' ? `\`${JSON.stringify(value)}\`` : `\`${String(value)}\``;

/** The presets side by side, one row per convention field. */
export function presetTable(
  presets: Readonly<Record<string, MelConvention>> = MEL_PRESETS,
): string {
  const names = Object.keys(presets);
  const fields = Object.keys(presets[names[0]!]!).filter(
    (f) => f !== 'name',
  ) as (keyof MelConvention)[];
  return table(
    ['field', ...names.map((n) => `\`${n}\``)],
    fields.map((f) => [`\`${f}\``, ...names.map((n) => show(presets[n]![f]))]),
  );
}

/** Every error code with its meaning. */
export function errorCodeTable(): string {
  return table(
    ['code', 'meaning'],
    Object.entries(ERROR_CODES).map(([code, meaning]) => [`\`${code}\``, meaning]),
  );
}

/** The facts a vocoder plugin declares about itself. */
export function vocoderFacts(plugin: VocoderPlugin): string {
  const rows: [string, string][] = [
    ['registry name', `\`${plugin.name}\``],
    ['description', plugin.description ?? ''],
    [
      'mel convention',
      `\`${plugin.convention.name}\` (${plugin.convention.sampleRate} Hz, hop ${plugin.convention.hop}, ${plugin.convention.nMels} bands)`,
    ],
    ['features', plugin.features.map((f) => `\`${f}\``).join(', ')],
    ['capabilities', (plugin.capabilities ?? []).map((c) => `\`${c}\``).join(', ') || '—'],
    ['needs a model', plugin.requiresModel ? 'yes' : 'no'],
    ['needs a backend', plugin.requiresBackend ? 'yes' : 'no'],
    [
      'converts checkpoints',
      plugin.convert === undefined
        ? 'no'
        : 'yes (`convert`, used by `voirs-vocoder models import`)',
    ],
    ['priority', String(plugin.priority ?? 0)],
  ];
  return table(['', plugin.name], rows);
}

/** One row per vocoder plugin. */
export function vocoderOverview(): string {
  return table(
    ['vocoder', 'convention', 'model', 'backend', 'features'],
    VOCODER_PLUGINS.map((p) => [
      `[\`${p.name}\`](/vocoders/${p.name})`,
      `\`${p.convention.name}\``,
      p.requiresModel ? 'yes' : 'no',
      p.requiresBackend ? 'yes' : 'no',
      p.features.map((f) => `\`${f}\``).join(', '),
    ]),
  );
}

/** The effect plugins with their parameters and defaults. */
export function effectTable(): string {
  return table(
    ['effect', 'description', 'parameters (defaults)'],
    EFFECT_PLUGINS.map((p) => [
      `\`${p.name}\``,
      p.description ?? '',
      Object.entries(p.defaults)
        .map(([k, v]) => `\`${k}\`: \`${JSON.stringify(v)}\``)
        .join(', '),
    ]),
  );
}

/** Griffin-Lim's iterations per quality level. */
export function griffinLimQualityTable(): string {
  return table(
    ['`quality`', 'iterations', 'momentum'],
    Object.entries(GRIFFINLIM_ITERATIONS).map(([q, n]) => [
      `\`${q}\``,
      String(n),
      String(GRIFFINLIM_MOMENTUM),
    ]),
  );
}

/** The built-in HiFi-GAN architectures and the streaming context each needs. */
export function hifiganArchTable(): string {
  return table(
    [
      'arch',
      'residual blocks',
      'upsampling',
      'initial channels',
      'receptive field (frames left / right)',
    ],
    Object.entries(HIFIGAN_ARCHS).map(([name, c]) => {
      const field = receptiveField(c);
      return [
        `\`${name}\``,
        `ResBlock${c.resblock}, kernels ${c.resblockKernelSizes.join(', ')}`,
        `${c.upsampleRates.join(' × ')} (kernels ${c.upsampleKernelSizes.join(', ')})`,
        String(c.upsampleInitialChannel),
        `${field.leftFrames} / ${field.rightFrames}`,
      ];
    }),
  );
}

/** The included tables as pages under `_parts/`. */
export function corePartPages(): GeneratedPage[] {
  return [
    { path: '_parts/mel-presets.md', markdown: `${presetTable()}\n` },
    { path: '_parts/error-codes.md', markdown: `${errorCodeTable()}\n` },
    { path: '_parts/vocoders.md', markdown: `${vocoderOverview()}\n` },
    { path: '_parts/effects.md', markdown: `${effectTable()}\n` },
    { path: '_parts/griffinlim-quality.md', markdown: `${griffinLimQualityTable()}\n` },
    { path: '_parts/hifigan-archs.md', markdown: `${hifiganArchTable()}\n` },
    ...VOCODER_PLUGINS.map((p) => ({
      path: `_parts/vocoder-${p.name}.md`,
      markdown: `${vocoderFacts(p)}\n`,
    })),
  ];
}
