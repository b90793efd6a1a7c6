/**
 * `EffectChain`: effects applied in order, with per-slot bypass, wet/dry mix, automation and a JSON
 * form. A chain is itself an {@link Effect} (so it runs inside streams and nests), reports what its
 * effects measured, and serialises back to the JSON it was made from.
 */
import * as v from 'valibot';
import type { AudioBuffer, Effect } from '@voirs/core';
import { assertBlock } from '../plugin/assert-block.js';
import type { StateBuffer } from '../plugin/effect-base.js';
import { isReportingEffect, type EffectReport, type ReportingEffect } from '../plugin/report.js';
import type { ChainSlot, SlotUpdate } from './chain-slot.js';
import { chainError, type AutomationPoint, type ChainSlotSpec } from './chain-spec.js';
import { SlotAutomation } from './slot-automation.js';

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

/** A chain of effects; create one with `createEffectChain` or `loadEffectChain`. */
export class EffectChain implements ReportingEffect {
  readonly name = 'chain';
  readonly #slots: ChainSlot[];
  readonly #automation: (SlotAutomation | undefined)[];
  readonly #points: (readonly AutomationPoint[] | undefined)[];
  #frame = 0;

  /** @internal use `createEffectChain` or `loadEffectChain`. */
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
