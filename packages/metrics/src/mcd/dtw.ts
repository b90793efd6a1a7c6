/**
 * Dynamic time warping of two vector sequences with Euclidean frame distances and the symmetric
 * step pattern (match, insertion, deletion, all of weight 1), returning the optimal path.
 */

/** Index pairs `[i, j]` of the optimal alignment, from (0, 0) to (n - 1, m - 1). */
export type WarpingPath = Array<readonly [number, number]>;

/**
 * Aligns `a` (`n` frames) and `b` (`m` frames), each row-major `[frame][dim]`, and returns the path
 * that minimises the summed Euclidean distances. Memory and time are O(n m).
 */
export function dtwPath(
  a: Float64Array,
  n: number,
  b: Float64Array,
  m: number,
  dim: number,
  offset = 0,
): WarpingPath {
  const cost = new Float64Array(n * m);
  const dist = (i: number, j: number) => {
    let s = 0;
    for (let d = offset; d < dim; d++) s += (a[i * dim + d]! - b[j * dim + d]!) ** 2;
    return Math.sqrt(s);
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let best: number;
      if (i === 0 && j === 0) best = 0;
      else if (i === 0) best = cost[j - 1]!;
      else if (j === 0) best = cost[(i - 1) * m]!;
      else
        best = Math.min(cost[(i - 1) * m + j - 1]!, cost[(i - 1) * m + j]!, cost[i * m + j - 1]!);
      cost[i * m + j] = best + dist(i, j);
    }
  }
  const path: WarpingPath = [];
  let i = n - 1;
  let j = m - 1;
  path.push([i, j]);
  while (i > 0 || j > 0) {
    if (i === 0) j--;
    else if (j === 0) i--;
    else {
      const diag = cost[(i - 1) * m + j - 1]!;
      const up = cost[(i - 1) * m + j]!;
      const left = cost[i * m + j - 1]!;
      if (diag <= up && diag <= left) {
        i--;
        j--;
      } else if (up <= left) i--;
      else j--;
    }
    path.push([i, j]);
  }
  return path.reverse();
}
