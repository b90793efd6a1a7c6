/**
 * `EffectChain`: effects applied in order, with per-slot bypass, wet/dry mix, automation and a JSON
 * form. A chain is itself an {@link Effect} (so it runs inside streams and nests), reports what its
 * effects measured, and serialises back to the JSON it was made from.
 */
import * as v from 'valibot';
import {
  effects as effectRegistry,
  isVocoderError,
  type AudioBuffer,
  type Effect,
  type EffectContext,
  type EffectPlugin,
  type Registry,
} from '@voirs/core';
import { assertBlock } from '../plugin/assert-block.js';
import { assertEffectContext, type DefinedEffectPlugin } from '../plugin/define-effect.js';
import type { StateBuffer } from '../plugin/effect-base.js';
import { isReportingEffect, type EffectReport, type ReportingEffect } from '../plugin/report.js';
import { ChainSlot, type SlotUpdate } from './chain-slot.js';
import {
  chainError,
  parseChainSpec,
  type AutomationPoint,
  type ChainSlotSpec,
  type ResolvedChainSlot,
} from './chain-spec.js';
import { SlotAutomation } from './slot-automation.js';

/** Where a chain looks up effect names. */
export interface EffectChainOptions {
  /** Plugins to use first (e.g. `EFFECT_PLUGINS`), before the registry. */
  readonly plugins?: readonly EffectPlugin[];
  /** Registry to fall back to (default: core's `effects`). */
  readonly registry?: Registry<EffectPlugin>;
}

/** What one slot measured. */
export interface SlotReport {
  readonly index: number;
  readonly effect: string;
  readonly report: EffectReport;
}

const SlotUpdateSchema = v.strictObject({
  params: v.optional(v.record(v.string(), v.unknown())),
  mix: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1))),
  bypass: v.optional(v.boolean()),
});

/** Typed arrays (an IR) become plain arrays in JSON. */
const plain = (value: unknown): unknown =>
  ArrayBuffer.isView(value)
    ? Array.from(value as Float32Array)
    : Array.isArray(value)
      ? value.map(plain)
      : value;

/** A chain of effects; create one with {@link createEffectChain}. */
export class EffectChain implements ReportingEffect {
  readonly name = 'chain';
  readonly #slots: ChainSlot[];
  readonly #automation: (SlotAutomation | undefined)[];
  readonly #points: (readonly AutomationPoint[] | undefined)[];
  #frame = 0;

  /** @internal use {@link createEffectChain}. */
  constructor(
    slots: ChainSlot[],
    points: (readonly AutomationPoint[] | undefined)[],
    readonly sampleRate: number,
    readonly channels: number,
  ) {
    this.#slots = slots;
    this.#points = points;
    this.#automation = points.map((p) =>
      p && p.length > 0 ? new SlotAutomation(p, sampleRate) : undefined,
    );
  }

  /** Number of effects. */
  get length(): number {
    return this.#slots.length;
  }

  /** The effects, in order. */
  get effects(): readonly Effect[] {
    return this.#slots.map((s) => s.effect);
  }

  /** Sum of the effects' latencies, frames (a bypassed effect keeps its latency). */
  get latency(): number {
    return this.#slots.reduce((sum, s) => sum + s.latency, 0);
  }

  /** Runs every effect over the block, in place. */
  process(block: AudioBuffer): AudioBuffer {
    assertBlock(block, 'chain', this.sampleRate, this.channels);
    const ch = this.channels;
    const frames = block.samples.length / ch;
    let done = 0;
    while (done < frames) {
      const frame = this.#frame;
      let next = frame + (frames - done);
      this.#automation.forEach((a, i) => {
        if (!a) return;
        a.apply(frame, this.#slots[i]!);
        next = Math.min(next, a.nextBoundary(frame));
      });
      const n = next - frame;
      const view = block.samples.subarray(done * ch, (done + n) * ch);
      for (const slot of this.#slots) slot.process(view, n);
      done += n;
      this.#frame += n;
    }
    return block;
  }

  /**
   * Updates slots by index: `{ "0": { params: { ratio: 6 } }, "2": { bypass: true, mix: 0.5 } }`.
   * Explicit updates are kept by {@link reset} (automation changes are not).
   * @throws ConfigError `E_EFFECT_CHAIN` for a bad index or shape; `E_EFFECT_PARAMS` from the effect.
   */
  setParams(update: Readonly<Record<string, unknown>>): void {
    if (update === null || typeof update !== 'object' || Array.isArray(update))
      throw new TypeError('chain.setParams expects an object');
    const checked = Object.entries(update).map(([key, value]) => {
      const index = Number(key);
      if (!Number.isInteger(index) || index < 0 || index >= this.#slots.length) {
        throw chainError(
          undefined,
          '',
          `no slot "${key}"; slots are numbered 0 to ${this.#slots.length - 1}.`,
        );
      }
      const result = v.safeParse(SlotUpdateSchema, value);
      if (!result.success) {
        const issue = result.issues[0]!;
        throw chainError(index, v.getDotPath(issue) ?? '', issue.message);
      }
      return [index, result.output] as const;
    });
    for (const [index, change] of checked) this.updateSlot(index, change);
  }

  /** Updates one slot; see {@link setParams}. */
  updateSlot(index: number, change: SlotUpdate): void {
    const slot = this.#slots[index];
    if (slot === undefined)
      throw chainError(undefined, '', `no slot ${index}; the chain has ${this.#slots.length}.`);
    slot.update(change);
    slot.base = {
      params: change.params ? { ...slot.base.params, ...change.params } : slot.base.params,
      mix: change.mix ?? slot.base.mix,
      bypass: change.bypass ?? slot.base.bypass,
    };
  }

  /** Clears every effect's state, rewinds automation, and restores the slots' explicit settings. */
  reset(): void {
    for (const slot of this.#slots) slot.restore();
    for (const a of this.#automation) a?.reset();
    this.#frame = 0;
  }

  /** What each reporting effect measured. */
  slotReports(): SlotReport[] {
    return this.#slots.flatMap((s, index) =>
      isReportingEffect(s.effect)
        ? [{ index, effect: s.effect.name, report: s.effect.report() }]
        : [],
    );
  }

  /** {@link slotReports} flattened to `"<index>.<effect>.<name>"` keys. */
  report(): EffectReport {
    const out: Record<string, number | boolean | string> = {};
    for (const { index, effect, report } of this.slotReports()) {
      for (const [key, value] of Object.entries(report)) out[`${index}.${effect}.${key}`] = value;
    }
    return out;
  }

  /** The chain's JSON form, with the settings in force before automation. */
  toJSON(): ChainSlotSpec[] {
    return this.#slots.map((slot, i) => ({
      effect: slot.plugin.name,
      params: Object.fromEntries(
        Object.entries(slot.base.params).map(([k, value]) => [k, plain(value)]),
      ),
      ...(slot.base.bypass ? { bypass: true } : {}),
      ...(slot.base.mix !== 1 ? { mix: slot.base.mix } : {}),
      ...(this.#points[i]?.length ? { automation: this.#points[i] as AutomationPoint[] } : {}),
    }));
  }

  /** Every state array of every effect (for diagnostics). */
  stateBuffers(): StateBuffer[] {
    return this.#slots.flatMap((s) => s.stateBuffers());
  }
}

function findPlugin(name: string, index: number, options: EffectChainOptions): EffectPlugin {
  const local = options.plugins?.find((p) => p.name === name);
  if (local) return local;
  const registry = options.registry ?? effectRegistry;
  if (registry.has(name)) return registry.get(name);
  const known = [
    ...new Set([
      ...(options.plugins ?? []).map((p) => p.name),
      ...registry.list().map((p) => p.name),
    ]),
  ];
  throw chainError(
    index,
    'effect',
    `no effect named "${name}". ${known.length ? `Known: ${known.join(', ')}.` : 'None is registered: import "@voirs/effects/register" or pass plugins.'}`,
  );
}

/** Re-throws an effect's `E_EFFECT_PARAMS` as `E_EFFECT_CHAIN` naming the slot and field. */
function asChainError(error: unknown, index: number, prefix: string): unknown {
  if (!isVocoderError(error, 'E_EFFECT_PARAMS')) return error;
  const field = String(error.details?.field ?? '');
  return chainError(index, `${prefix}${field ? `.${field}` : ''}`, error.message, error);
}

function createSlot(
  spec: ResolvedChainSlot,
  index: number,
  context: EffectContext,
  options: EffectChainOptions,
): ChainSlot {
  const plugin = findPlugin(spec.effect, index, options);
  let effect;
  try {
    effect = plugin.create(spec.params, context);
  } catch (error) {
    throw asChainError(error, index, 'params');
  }
  const parse = (plugin as Partial<DefinedEffectPlugin>).parseParams;
  let merged: Record<string, unknown> = { ...spec.params };
  spec.automation?.forEach((point, j) => {
    merged = { ...merged, ...point.params };
    try {
      parse?.call(plugin, merged, context);
    } catch (error) {
      throw asChainError(error, index, `automation[${j}].params`);
    }
  });
  const own = (effect as { params?: unknown }).params;
  const params =
    own !== null && typeof own === 'object'
      ? { ...(own as Record<string, unknown>) }
      : { ...plugin.defaults, ...spec.params };
  return new ChainSlot(
    plugin,
    effect,
    { params, mix: spec.mix, bypass: spec.bypass },
    context.sampleRate,
    context.channels,
  );
}

/**
 * Builds a chain from its JSON form (a string or parsed value) for audio of `context`.
 * @throws ConfigError `E_EFFECT_CHAIN` naming the slot index and field (unknown effect, invalid
 * params, bad mix…).
 */
export function createEffectChain(
  spec: unknown,
  context: EffectContext,
  options: EffectChainOptions = {},
): EffectChain {
  assertEffectContext(context);
  const slots = parseChainSpec(spec);
  const ctx = { sampleRate: context.sampleRate, channels: context.channels };
  return new EffectChain(
    slots.map((slot, i) => createSlot(slot, i, ctx, options)),
    slots.map((slot) => slot.automation),
    ctx.sampleRate,
    ctx.channels,
  );
}
