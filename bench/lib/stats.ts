/** Small number helpers for the benchmarks' printed figures. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest-rank: the smallest value with at least p% of the samples at or below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const ms = (value: number) => `${value.toFixed(1)} ms`;

export const ratio = (value: number, baseline: number) => `${(value / baseline).toFixed(2)}×`;

export function bytes(size: number): string {
  return `${size.toLocaleString('en-US')} B (${(size / 1_000_000).toFixed(2)} MB, ${(size / 1024 / 1024).toFixed(2)} MiB)`;
}

/** Prints rows as an aligned table: the first row is the header. */
export function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const row of rows)
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}
