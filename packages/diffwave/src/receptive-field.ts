/**
 * The context a DiffWave network evaluation sees, declared for streaming.
 *
 * One evaluation reaches `sum(dilations)` samples to each side through its dilated kernel-3
 * convolutions, plus about one frame through the spectrogram upsampler. Sampling chains several
 * evaluations and starts from noise, so chunked output can never equal offline output exactly:
 * the field is declared `exact: false` with this single-evaluation reach (plus one frame of
 * margin) as context, and the core streamer crossfades the seams.
 */
import type { ReceptiveField } from '@voirs/core';
import { DIFFWAVE_HOP, dilationOf, type DiffwaveConfig } from './config.js';

/** Frames of context on each side (not exact; see the module comment). */
export function receptiveField(config: DiffwaveConfig): ReceptiveField {
  let reach = 0;
  for (let i = 0; i < config.residualLayers; i++) reach += dilationOf(config, i);
  const frames = Math.ceil(reach / DIFFWAVE_HOP) + (config.unconditional ? 0 : 1) + 1;
  return Object.freeze({ leftFrames: frames, rightFrames: frames, exact: false });
}
