/**
 * The automation of one chain slot, compiled to frames. Each point reaches its values at `time`
 * after a linear ramp over the `rampSeconds` before it. During a ramp, numeric parameters and the
 * mix are updated every {@link AUTOMATION_STRIDE} frames (counted from the start of the stream), and
 * each update is itself de-zippered by the effect; other values and `bypass` switch at `time`.
 * Updates land on the same frames whatever the block sizes, so automated output is block-size
 * independent too.
 */
import { interpolateParams } from '../util/interpolate-params.js';
import type { ChainSlot, SlotUpdate } from './chain-slot.js';
import type { AutomationPoint } from './chain-spec.js';

/** Frames between automation updates during a ramp. */
export const AUTOMATION_STRIDE = 64;

interface Event {
  readonly start: number;
  readonly end: number;
  readonly point: AutomationPoint;
  /** Values when the ramp began (numeric params and mix only). */
  from?: { params: Record<string, unknown>; mix: number };
  done: boolean;
}

const numericOnly = (params: Readonly<Record<string, unknown>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(params).filter(([, value]) => typeof value === 'number'));

export class SlotAutomation {
  readonly #events: Event[];

  constructor(points: readonly AutomationPoint[], sampleRate: number) {
    this.#events = points.map((point) => {
      const end = Math.round(point.time * sampleRate);
      const start = Math.max(0, end - Math.round((point.rampSeconds ?? 0) * sampleRate));
      return { start, end, point, done: false };
    });
  }

  /** The first frame after `frame` at which {@link apply} has something to do (Infinity: none). */
  nextBoundary(frame: number): number {
    let next = Infinity;
    for (const e of this.#events) {
      if (e.done) continue;
      if (frame < e.start) next = Math.min(next, e.start);
      else if (frame < e.end)
        next = Math.min(
          next,
          e.end,
          (Math.floor(frame / AUTOMATION_STRIDE) + 1) * AUTOMATION_STRIDE,
        );
      else next = Math.min(next, frame + 1);
    }
    return next;
  }

  /** Applies every change due at `frame` to `slot` (a no-op between boundaries). */
  apply(frame: number, slot: ChainSlot): void {
    for (const e of this.#events) {
      if (e.done || frame < e.start) continue;
      const { point } = e;
      if (frame >= e.end) {
        const update: SlotUpdate = { params: point.params, mix: point.mix, bypass: point.bypass };
        slot.update(update);
        e.done = true;
        continue;
      }
      // inside a ramp, only on the stride grid (block boundaries must not add updates)
      if (frame !== e.start && frame % AUTOMATION_STRIDE !== 0) continue;
      e.from ??= { params: { ...slot.params }, mix: slot.mix };
      const t = (frame - e.start) / (e.end - e.start);
      slot.update({
        params: point.params && interpolateParams(e.from.params, numericOnly(point.params), t),
        mix: point.mix === undefined ? undefined : e.from.mix + (point.mix - e.from.mix) * t,
      });
    }
  }

  /** Rewinds to the start of the stream. */
  reset(): void {
    for (const e of this.#events) {
      e.done = false;
      e.from = undefined;
    }
  }
}
