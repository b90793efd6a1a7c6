/**
 * Overlapping time windows of a signal stacked along another axis, and back: the machinery under
 * both the time fold (windows stacked as channels, time-fold.ts) and the in-graph chunk-parallel
 * split (windows stacked as batch items, so each onnxruntime thread takes whole windows; graph.ts).
 *
 * A signal [B, C, 1, T] is cut into `count` windows of one common width W, each carrying `halo`
 * samples of context beyond the part it keeps, so the zero padding at a window's inner edge never
 * reaches a kept sample: with L = ceil(T / count), window i keeps samples [i * L, min((i + 1) * L,
 * T)); it starts at 0 (i = 0), at T - W (the last) or at i * L - halo clamped to [0, T - W]
 * (between; a clamped window meets the signal's own edge on that side). Two windows need context
 * on one side each, so W = L + halo; more need W = L + 2 * halo. W is capped at T: a signal too
 * short for its windows gives windows that are the whole signal, exact and merely redundant.
 *
 * Everything is computed in the graph from T, so one graph serves every input length.
 */
import type { GraphBuilder, Value } from '@voirs/onnx';

/** How a signal is cut. */
export interface Windowing {
  /** Number of windows. */
  readonly count: number;
  /** Context samples each window carries beyond what it keeps, on each inner side. */
  readonly halo: number;
}

/** The windows of one input: its length T, L and each window's start (int64 [1] values). */
export interface CutWindows {
  readonly total: Value;
  readonly part: Value;
  readonly starts: readonly Value[];
}

/** Stacking axis: 0 (batch items, window-major) or 1 (channels). */
export type StackAxis = 0 | 1;

const int64 = { dtypes: ['int64' as const] };

/** [B, C, 1, T] -> the windows [count * B, C, 1, W] (axis 0) or [B, count * C, 1, W] (axis 1). */
export function cutWindows(
  g: GraphBuilder,
  x: Value,
  { count, halo }: Windowing,
  axis: StackAxis,
): { stacked: Value; windows: CutWindows } {
  const total = g.shape(x, { start: 3, end: 4 }); // [T], int64
  const part = g.div(g.add(total, count - 1), count); // L = ceil(T / count)
  const wanted = g.add(part, count === 2 ? halo : 2 * halo);
  const width = g.op('Min', [wanted, total], {}, int64)[0]!; // W
  const last = g.sub(total, width); // the last window's start, T - W >= 0
  const zero = g.mul(part, 0);
  const starts: Value[] = [];
  for (let i = 0; i < count; i++) {
    if (i === 0) starts.push(zero);
    else if (i === count - 1) starts.push(last);
    else {
      const start = g.op('Max', [g.sub(g.mul(part, i), halo), zero], {}, int64)[0]!;
      starts.push(g.op('Min', [start, last], {}, int64)[0]!);
    }
  }
  const parts = starts.map((start) =>
    g.slice(x, { starts: start, ends: g.add(start, width), axes: [3] }),
  );
  return { stacked: g.concat(parts, axis), windows: { total, part, starts } };
}

/**
 * The inverse of {@link cutWindows} for the windows' output `y` (stacked the same way), which may
 * run `scale` times the rate of the cut signal (upsampling layers in between): each window's kept
 * samples, back in time order, [B, C', 1, scale * T].
 */
export function joinWindows(
  g: GraphBuilder,
  y: Value,
  { total, part, starts }: CutWindows,
  { count }: Windowing,
  axis: StackAxis,
  scale = 1,
): Value {
  const windows = g.split(y, count, axis);
  const atRate = (v: Value) => (scale === 1 ? v : g.mul(v, scale)); // a position at y's rate
  const kept = windows.map((w, i) => {
    // kept range in the signal, [i * L, min((i + 1) * L, T)), empty for a window past the end
    const keepFrom = g.op('Min', [g.mul(part, i), total], {}, int64)[0]!;
    const keepTo =
      i === count - 1 ? total : g.op('Min', [g.mul(part, i + 1), total], {}, int64)[0]!;
    const from = atRate(g.sub(keepFrom, starts[i]!)); // in the window
    const to = atRate(g.sub(keepTo, starts[i]!));
    return g.slice(w, { starts: from, ends: to, axes: [3] });
  });
  return g.concat(kept, 3);
}
