/**
 * Small dense linear least squares by the normal equations and Gaussian elimination with partial
 * pivoting (for the handful of sinusoid amplitudes of the THD fits).
 */

/**
 * Solves `min ||sum_j x_j columns[j] - y||` and returns x. Columns are generated on the fly by
 * `column(j, i)` (value of column j at sample i) to avoid storing them.
 * @throws RangeError when the system is singular (e.g. duplicated frequencies).
 */
export function leastSquares(
  count: number,
  samples: number,
  column: (j: number, i: number) => number,
  y: ArrayLike<number>,
): Float64Array {
  const ata = new Float64Array(count * count);
  const aty = new Float64Array(count);
  const row = new Float64Array(count);
  for (let i = 0; i < samples; i++) {
    for (let j = 0; j < count; j++) row[j] = column(j, i);
    const yi = y[i]!;
    for (let j = 0; j < count; j++) {
      const rj = row[j]!;
      aty[j] = aty[j]! + rj * yi;
      for (let k = j; k < count; k++) ata[j * count + k] = ata[j * count + k]! + rj * row[k]!;
    }
  }
  for (let j = 0; j < count; j++)
    for (let k = 0; k < j; k++) ata[j * count + k] = ata[k * count + j]!;
  return solve(ata, aty, count);
}

function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    if (Math.abs(a[pivot * n + col]!) < 1e-300)
      throw new RangeError('singular least-squares system');
    if (pivot !== col) {
      for (let k = 0; k < n; k++)
        [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[col * n + k]!];
      [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    }
    for (let r = col + 1; r < n; r++) {
      const f = a[r * n + col]! / a[col * n + col]!;
      if (f === 0) continue;
      for (let k = col; k < n; k++) a[r * n + k] = a[r * n + k]! - f * a[col * n + k]!;
      b[r] = b[r]! - f * b[col]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let k = r + 1; k < n; k++) s -= a[r * n + k]! * x[k]!;
    x[r] = s / a[r * n + r]!;
  }
  return x;
}
