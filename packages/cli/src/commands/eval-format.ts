/**
 * Text and JSON presentation of `voirs-vocoder eval` results: one value per line for a file or a
 * pair, a table (rows per file, a mean row) for `--dir`.
 */

/** A metric value for JSON: finite numbers as they are, NaN/Infinity as null or a string. */
export function jsonValue(v: number): number | string | null {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return null;
  return v > 0 ? 'Infinity' : '-Infinity';
}

/** Converts a values record for JSON. */
export const jsonValues = (
  values: Record<string, number>,
): Record<string, number | string | null> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, jsonValue(v)]));

/** A number for people: 4 significant decimals, `n/a` for NaN. */
export function formatValue(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 100 ? v.toFixed(2) : abs >= 1 ? v.toFixed(3) : v.toFixed(4);
}

/** `name  value` lines, names padded. */
export function formatList(values: Record<string, number>): string {
  const width = Math.max(0, ...Object.keys(values).map((k) => k.length));
  return Object.entries(values)
    .map(([k, v]) => `${k.padEnd(width)}  ${formatValue(v)}`)
    .join('\n');
}

/** Means of each column over the rows where it is finite (with the count used). */
export function columnMeans(
  rows: readonly Record<string, number>[],
  columns: readonly string[],
): { means: Record<string, number>; counts: Record<string, number> } {
  const means: Record<string, number> = {};
  const counts: Record<string, number> = {};
  for (const c of columns) {
    const finite = rows
      .map((r) => r[c])
      .filter((v): v is number => v !== undefined && Number.isFinite(v));
    counts[c] = finite.length;
    means[c] = finite.length === 0 ? Number.NaN : finite.reduce((a, b) => a + b, 0) / finite.length;
  }
  return { means, counts };
}

/** A plain-text table: a header of column names, one row per file, then the mean row. */
export function formatTable(
  rows: ReadonlyArray<{ file: string; values?: Record<string, number>; error?: string }>,
  columns: readonly string[],
  means: Record<string, number>,
): string {
  const body = rows.map((r) => [
    r.file,
    ...(r.values ? columns.map((c) => formatValue(r.values![c])) : [`error: ${r.error}`]),
  ]);
  const all = [
    ['file', ...columns],
    ...body,
    ['mean', ...columns.map((c) => formatValue(means[c]))],
  ];
  const widths = columns.map((_, i) =>
    Math.max(...all.filter((r) => r.length > 1 + i || i === 0).map((r) => (r[i + 1] ?? '').length)),
  );
  const first = Math.max(...all.map((r) => r[0]!.length));
  return all
    .map((r) =>
      r.length === 2 && r[1]!.startsWith('error:')
        ? `${r[0]!.padEnd(first)}  ${r[1]}`
        : [r[0]!.padEnd(first), ...r.slice(1).map((v, i) => v.padStart(widths[i]!))].join('  '),
    )
    .join('\n');
}
