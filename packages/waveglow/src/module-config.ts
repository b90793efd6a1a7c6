/**
 * The configuration of a whole pickled `glow.WaveGlow` (NVIDIA's checkpoints store the module, not
 * a state dict), read from the inert module records' attributes: `n_flows`, `n_group`,
 * `n_early_every`, `n_early_size` on the root, `n_layers` / `n_channels` on `WN.0`, and the
 * upsampler's `ConvTranspose1d` attributes (`in_channels`, `kernel_size`, `stride`, ...).
 */
import { ModelError } from '@voirs/core';
import { isTuple, type InstanceRecord, type PickleValue } from '@voirs/checkpoint';
import { validateConfig, type WaveglowConfig } from './config.js';

/** Classes a WaveGlow checkpoint may reference besides torch's own (they become inert records). */
export const WAVEGLOW_GLOBALS: readonly string[] = Object.freeze([
  'glow.WaveGlow',
  'glow.WN',
  'glow.Invertible1x1Conv',
  // NVIDIA's glow_old.py (models before the WN rewrite): read, then refused with a clear message
  'glow_old.WaveGlow',
  'glow_old.WN',
  'glow_old.Invertible1x1Conv',
]);

const invalid = (message: string): ModelError => new ModelError('E_MODEL_CONFIG', message);

function intAttr(record: InstanceRecord | undefined, path: string, name: string): number {
  const value = record?.attr(name);
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw invalid(
      `The pickled WaveGlow has no integer attribute ${path === '' ? '' : `${path}.`}${name}; it is not NVIDIA's glow.WaveGlow.`,
    );
  }
  return value;
}

/** A one-element tuple attribute such as `kernel_size: (3,)`, as a number. */
function tupleAttr(record: InstanceRecord | undefined, path: string, name: string): number {
  const value: PickleValue | undefined = record?.attr(name);
  const first = isTuple(value) || Array.isArray(value) ? value[0] : value;
  if (
    typeof first !== 'number' ||
    !Number.isSafeInteger(first) ||
    (Array.isArray(value) && value.length !== 1)
  ) {
    throw invalid(
      `The pickled WaveGlow's ${path}.${name} is not a 1-D size; it is not NVIDIA's glow.WaveGlow.`,
    );
  }
  return first;
}

/**
 * Reads the configuration of a pickled WaveGlow from its module records (by dotted path, `''`
 * for the root, as `moduleRecords` returns them).
 * @throws ModelError `E_MODEL_CONFIG` when an attribute is missing or the upsampler is not a plain
 * strided `ConvTranspose1d`; `E_CHECKPOINT_UNSUPPORTED` for glow_old modules.
 */
export function configFromModule(records: ReadonlyMap<string, InstanceRecord>): WaveglowConfig {
  const root = records.get('');
  if (root?.className.startsWith('glow_old.')) {
    throw new ModelError(
      'E_CHECKPOINT_UNSUPPORTED',
      `The checkpoint pickles ${root.className} (the code before NVIDIA's WN rewrite). Convert it with ` +
        'convert_model.py from NVIDIA/waveglow first.',
    );
  }
  const up = records.get('upsample');
  if (up === undefined || !up.className.endsWith('ConvTranspose1d')) {
    throw invalid(
      `The pickled ${root?.className ?? 'model'} has no ConvTranspose1d "upsample"; it is not NVIDIA's glow.WaveGlow.`,
    );
  }
  const unsupported = [
    ['padding', 0],
    ['output_padding', 0],
    ['dilation', 1],
  ] as const;
  for (const [name, expected] of unsupported) {
    if (tupleAttr(up, 'upsample', name) !== expected) {
      throw new ModelError(
        'E_MODEL_ARCH',
        `The upsampler has ${name} ${String(up.attr(name))}; WaveGlow's has ${expected}.`,
      );
    }
  }
  if (up.attr('groups') !== 1)
    throw new ModelError(
      'E_MODEL_ARCH',
      "The upsampler is a grouped convolution; WaveGlow's is not.",
    );
  const wn = records.get('WN.0');
  return validateConfig({
    nMelChannels: intAttr(up, 'upsample', 'in_channels'),
    nFlows: intAttr(root, '', 'n_flows'),
    nGroup: intAttr(root, '', 'n_group'),
    nEarlyEvery: intAttr(root, '', 'n_early_every'),
    nEarlySize: intAttr(root, '', 'n_early_size'),
    wn: {
      nLayers: intAttr(wn, 'WN.0', 'n_layers'),
      nChannels: intAttr(wn, 'WN.0', 'n_channels'),
      kernelSize: tupleAttr(records.get('WN.0.in_layers.0'), 'WN.0.in_layers.0', 'kernel_size'),
    },
    upsampleKernel: tupleAttr(up, 'upsample', 'kernel_size'),
    upsampleStride: tupleAttr(up, 'upsample', 'stride'),
  });
}
