/**
 * `convolution`: convolves each channel with an impulse response (a measured room, a cabinet, a
 * telephone band…) by zero-latency partitioned FFT convolution. Output: `dry * x + wet * (x * ir)`.
 */
import * as v from 'valibot';
import type { EffectContext } from '@voirs/core';
import { resampleSamples } from '@voirs/dsp';
import { defineEffect, paramError, type ParamsValidator } from '../plugin/define-effect.js';
import { EffectBase, type StateBuffer } from '../plugin/effect-base.js';
import { choice, num } from '../plugin/param-schemas.js';
import { LinearRamp, rampFrames } from '../util/linear-ramp.js';
import { ChannelConvolver, ConvolutionKernel } from './partitioned-convolver.js';

/** Longest impulse response accepted, seconds. */
export const MAX_IR_SECONDS = 30;

/** Samples of one impulse response. */
export type IrSamples = readonly number[] | Float32Array | Float64Array;

const isSamples = (x: unknown): x is IrSamples =>
  Array.isArray(x) || x instanceof Float32Array || x instanceof Float64Array;

/** IRs already checked: parameters are revalidated on every setParams, the IR need not be. */
const checkedIrs = new WeakSet<object>();

function isIr(x: unknown): boolean {
  if (x === null || typeof x !== 'object') return false;
  if (checkedIrs.has(x)) return true;
  const lists = Array.isArray(x) && x.length > 0 && x.every(isSamples) ? (x as IrSamples[]) : [x];
  const ok = lists.every(
    (list) =>
      isSamples(list) &&
      list.length > 0 &&
      Array.prototype.every.call(list, (s: unknown) => typeof s === 'number' && Number.isFinite(s)),
  );
  if (ok) checkedIrs.add(x);
  return ok;
}

/** Parameters of the `convolution` effect. */
export const ConvolutionParamsSchema = v.strictObject({
  /** The impulse response: samples for every channel, or one array per channel. */
  ir: v.custom<IrSamples | readonly IrSamples[]>(
    isIr,
    'expected a non-empty array of finite numbers, or one such array per channel',
  ),
  /** Sample rate of `ir`, Hz (default: the stream's); a different rate is resampled. */
  irSampleRate: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(768_000))),
  /** Scale the IR to unit peak or unit energy (over all channels). */
  normalize: choice(['none', 'peak', 'energy'], 'none'),
  /** Partition size B, frames (FIR head length; larger is cheaper for long IRs). */
  partitionSize: v.optional(v.picklist([32, 64, 128, 256, 512, 1024]), 128),
  /** Convolved-signal level (linear). */
  wet: num(0, 1, 1),
  /** Direct-signal level (linear). */
  dry: num(0, 1, 0),
});
export type ConvolutionParams = v.InferOutput<typeof ConvolutionParamsSchema>;

const channelsOf = (ir: ConvolutionParams['ir']): IrSamples[] =>
  (Array.isArray(ir) && ir.length > 0 && ir.every(isSamples) ? ir : [ir]) as IrSamples[];

/** Shape and peak of an IR, computed once per IR object (setParams revalidates often). */
const irStats = new WeakMap<object, { channels: number; length: number; peak: number }>();

function statsOf(ir: ConvolutionParams['ir']): { channels: number; length: number; peak: number } {
  let stats = irStats.get(ir);
  if (stats === undefined) {
    const lists = channelsOf(ir);
    let peak = 0;
    for (const list of lists)
      for (let i = 0; i < list.length; i++) peak = Math.max(peak, Math.abs(list[i]!));
    stats = { channels: lists.length, length: Math.max(...lists.map((l) => l.length)), peak };
    irStats.set(ir, stats);
  }
  return stats;
}

/** Checks the IR against the context without preparing it. */
function checkIr(p: ConvolutionParams, context: EffectContext): void {
  const { channels, length, peak } = statsOf(p.ir);
  if (channels !== 1 && channels !== context.channels) {
    throw paramError(
      'convolution',
      'ir',
      `has ${channels} channels; give one IR for every channel or ${context.channels} IRs.`,
    );
  }
  const seconds = length / (p.irSampleRate ?? context.sampleRate);
  if (seconds > MAX_IR_SECONDS) {
    throw paramError(
      'convolution',
      'ir',
      `is ${seconds.toFixed(1)} s long; at most ${MAX_IR_SECONDS} s is accepted.`,
    );
  }
  if (peak === 0)
    throw paramError('convolution', 'ir', 'is all zeros: it would silence the audio.');
}

/** The IR of each channel at the stream's rate, normalised as asked (checked by {@link checkIr}). */
function prepareIr(p: ConvolutionParams, sampleRate: number): Float64Array[] {
  const rate = p.irSampleRate ?? sampleRate;
  const irs = channelsOf(p.ir).map((list) => {
    const f32 = Float32Array.from(list);
    return Float64Array.from(rate === sampleRate ? f32 : resampleSamples(f32, rate, sampleRate));
  });
  let peak = 0;
  let energy = 0;
  for (const ir of irs) {
    for (const s of ir) {
      peak = Math.max(peak, Math.abs(s));
      energy += s * s;
    }
  }
  const scale =
    p.normalize === 'peak' ? 1 / peak : p.normalize === 'energy' ? 1 / Math.sqrt(energy) : 1;
  if (scale !== 1) for (const ir of irs) for (let i = 0; i < ir.length; i++) ir[i]! *= scale;
  return irs;
}

class Convolution extends EffectBase<ConvolutionParams> {
  #convolvers!: ChannelConvolver[];
  readonly #wet: LinearRamp;
  readonly #dry: LinearRamp;

  constructor(
    params: ConvolutionParams,
    context: EffectContext,
    validate: ParamsValidator<ConvolutionParams>,
  ) {
    super('convolution', params, context, validate);
    this.#build(params);
    const frames = rampFrames(context.sampleRate);
    this.#wet = new LinearRamp(params.wet, frames);
    this.#dry = new LinearRamp(params.dry, frames);
  }

  #build(p: ConvolutionParams): void {
    const kernels = prepareIr(p, this.sampleRate).map(
      (ir) => new ConvolutionKernel(ir, p.partitionSize),
    );
    this.#convolvers = Array.from(
      { length: this.channels },
      (_, c) => new ChannelConvolver(kernels[kernels.length === 1 ? 0 : c]!),
    );
  }

  protected applyParams(next: ConvolutionParams, previous: ConvolutionParams): void {
    const rebuild = (['ir', 'irSampleRate', 'normalize', 'partitionSize'] as const).some(
      (key) => next[key] !== previous[key],
    );
    if (rebuild) this.#build(next);
    this.#wet.set(next.wet);
    this.#dry.set(next.dry);
  }

  protected render(samples: Float32Array, frames: number): void {
    const ch = this.channels;
    const convolvers = this.#convolvers;
    for (let i = 0, p = 0; i < frames; i++) {
      const wet = this.#wet.next();
      const dry = this.#dry.next();
      for (let c = 0; c < ch; c++, p++) {
        const x = samples[p]!;
        samples[p] = dry * x + wet * convolvers[c]!.tick(x);
      }
    }
  }

  override stateBuffers(): readonly StateBuffer[] {
    return this.#convolvers.flatMap((c) => c.state);
  }

  reset(): void {
    for (const c of this.#convolvers) c.clear();
    this.#wet.jump(this.#wet.target);
    this.#dry.jump(this.#dry.target);
  }
}

/** The `convolution` effect plugin. */
export const convolutionEffect = defineEffect({
  name: 'convolution',
  description:
    'Zero-latency partitioned FFT convolution with an impulse response (per channel or shared).',
  schema: ConvolutionParamsSchema,
  check: checkIr,
  create: (params, context, validate) => new Convolution(params, context, validate),
});
