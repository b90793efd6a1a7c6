/**
 * The demo's markup: input, vocoder choice, run controls, the two spectrograms, the result. Every
 * element the behaviour needs carries a `data-role`.
 */
import { QUALITY_LEVELS } from '@voirs/core';
import { h } from './dom.js';

/** Mel chunk sizes offered for streaming (frames of 256 samples at 22.05 kHz: 0.19, 0.37, 0.74 s). */
export const CHUNK_CHOICES = [16, 32, 64] as const;

const option = (value: string, label: string, selected = false) =>
  h('option', { value, selected }, label);

/** Builds the demo's elements inside `root`. */
export function renderDemo(root: HTMLElement): void {
  root.replaceChildren(
    h(
      'section',
      { class: 'voirs-demo-step' },
      h('h3', {}, '1. Audio in'),
      h(
        'label',
        { class: 'voirs-demo-drop', 'data-role': 'drop' },
        h('input', { type: 'file', accept: '.wav,audio/wav,audio/x-wav', 'data-role': 'wav-file' }),
        h('span', {}, 'Drop a WAV file here or click to pick one'),
      ),
      h(
        'button',
        { type: 'button', 'data-role': 'example' },
        'Use the example clip (examples/speech.wav)',
      ),
      h('p', { class: 'voirs-demo-info', 'data-role': 'input-info' }, 'No audio yet.'),
      h('audio', { controls: true, 'data-role': 'input-audio', hidden: true }),
    ),
    h(
      'section',
      { class: 'voirs-demo-step' },
      h('h3', {}, '2. Vocoder'),
      h(
        'div',
        { class: 'voirs-demo-row' },
        h(
          'label',
          {},
          'Vocoder ',
          h(
            'select',
            { 'data-role': 'vocoder' },
            option('griffinlim', 'Griffin-Lim (embedded, model-free)', true),
            option('hifigan', 'HiFi-GAN (load a checkpoint)'),
          ),
        ),
        h(
          'label',
          { 'data-role': 'quality-label' },
          'Quality ',
          h(
            'select',
            { 'data-role': 'quality' },
            ...QUALITY_LEVELS.map((q) => option(q, q, q === 'medium')),
          ),
        ),
        h(
          'label',
          {},
          'Chunk ',
          h(
            'select',
            { 'data-role': 'chunk' },
            ...CHUNK_CHOICES.map((n) => option(String(n), `${n} frames`, n === 32)),
          ),
        ),
      ),
      h(
        'div',
        { class: 'voirs-demo-model', 'data-role': 'model-box', hidden: true },
        h(
          'label',
          {},
          'Checkpoint and config.json ',
          h('input', { type: 'file', multiple: true, 'data-role': 'model-files' }),
        ),
        h(
          'p',
          { class: 'voirs-demo-info', 'data-role': 'model-info' },
          'Pick the official generator_v2 (or generator_v1, _v3, a safetensors file or a converted .onnx) together with its config.json; it is converted to ONNX in this page.',
        ),
      ),
    ),
    h(
      'section',
      { class: 'voirs-demo-step' },
      h('h3', {}, '3. Vocode and listen'),
      h(
        'div',
        { class: 'voirs-demo-row' },
        h(
          'button',
          { type: 'button', class: 'voirs-demo-primary', 'data-role': 'run', disabled: true },
          'Vocode and play',
        ),
        h('button', { type: 'button', 'data-role': 'stop', disabled: true }, 'Stop'),
      ),
      h(
        'p',
        { role: 'status', class: 'voirs-demo-status', 'data-role': 'status' },
        'Load some audio first.',
      ),
      h('p', { role: 'alert', class: 'voirs-demo-error', 'data-role': 'error', hidden: true }),
    ),
    h(
      'section',
      { class: 'voirs-demo-step' },
      h('h3', {}, 'Mel spectrograms'),
      h(
        'div',
        { class: 'voirs-demo-compare' },
        h(
          'figure',
          {},
          h('canvas', { 'data-role': 'input-mel', width: '1', height: '1' }),
          h('figcaption', { 'data-role': 'input-caption' }, 'Input'),
        ),
        h(
          'figure',
          {},
          h('canvas', { 'data-role': 'output-mel', width: '1', height: '1' }),
          h('figcaption', { 'data-role': 'output-caption' }, 'Vocoded'),
        ),
      ),
    ),
    h(
      'section',
      { class: 'voirs-demo-step', 'data-role': 'result', hidden: true },
      h('h3', {}, 'Result'),
      h('audio', { controls: true, 'data-role': 'output-audio' }),
      h(
        'p',
        {},
        h('a', { 'data-role': 'download', download: 'vocoded.wav', href: '#' }, 'Download the WAV'),
      ),
    ),
  );
}
