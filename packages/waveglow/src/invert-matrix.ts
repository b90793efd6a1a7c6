/**
 * The inverse of a small square matrix (the invertible 1x1 convolutions of the flows), by
 * Gauss-Jordan elimination with partial pivoting in float64.
 */

/**
 * Inverts the row-major `n x n` matrix `m`. Returns `undefined` when it is singular (a pivot
 * vanishes relative to the matrix's scale) or holds non-finite values.
 */
export function invertMatrix(m: ArrayLike<number>, n: number): Float64Array | undefined {
  if (!Number.isInteger(n) || n < 1 || m.length !== n * n) {
    throw new RangeError(`invertMatrix needs ${n} x ${n} values, got ${m.length}`);
  }
  const a = Float64Array.from(m);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (const x of a) {
    if (!Number.isFinite(x)) return undefined;
    scale = Math.max(scale, Math.abs(x));
  }
  const tiny = scale * n * 1e-12;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    const p = a[pivot * n + col]!;
    if (!(Math.abs(p) > tiny)) return undefined;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        swap(a, pivot * n + c, col * n + c);
        swap(inv, pivot * n + c, col * n + c);
      }
    }
    for (let c = 0; c < n; c++) {
      a[col * n + c] = a[col * n + c]! / p;
      inv[col * n + c] = inv[col * n + c]! / p;
    }
    for (let r = 0; r < n; r++) {
      const f = a[r * n + col]!;
      if (r === col || f === 0) continue;
      for (let c = 0; c < n; c++) {
        a[r * n + c] = a[r * n + c]! - f * a[col * n + c]!;
        inv[r * n + c] = inv[r * n + c]! - f * inv[col * n + c]!;
      }
    }
  }
  return inv;
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i]!;
  x[i] = x[j]!;
  x[j] = t;
}
