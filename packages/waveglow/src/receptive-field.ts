/**
 * How many mel frames of context a WaveGlow's output depends on, from its configuration.
 *
 * The upsampler (kernel K, stride S) makes the samples of frame f depend on frames
 * f - floor((K - 1) / S) .. f. Each flow's WN reaches (k - 1) / 2 * (2^L - 1) steps (of n_group
 * samples) to each side, the invertible convolutions and the coupling act per step, so n_flows
 * flows reach n_flows times that; the optional denoiser's centred 1024-sample STFT adds up to
 * 1024 samples. With sigma 0 the pass is deterministic and a window holding this context gives
 * the same samples as offline vocoding for the frames it keeps; with sigma > 0 every window draws
 * its own noise, so the field is declared `exact: false` (streaming crossfades the seams).
 */
import type { ReceptiveField } from '@voirs/core';
import type { WaveglowConfig } from './config.js';

/** Samples the denoiser's STFT (n_fft 1024, centred) spreads each way. */
const DENOISER_REACH = 1024;

/** The receptive field in frames, rounded up, plus one frame of margin on each side. */
export function receptiveField(config: WaveglowConfig): ReceptiveField {
  const { kernelSize, nLayers } = config.wn;
  const flowSteps = ((kernelSize - 1) / 2) * (2 ** nLayers - 1) * config.nFlows;
  const reach = flowSteps * config.nGroup + DENOISER_REACH;
  const frames = Math.ceil(reach / config.upsampleStride);
  const upsampleLeft = Math.floor((config.upsampleKernel - 1) / config.upsampleStride);
  return { leftFrames: upsampleLeft + frames + 1, rightFrames: frames + 1, exact: false };
}
