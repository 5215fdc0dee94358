import { MAX_PIVOT_VALUES, type PivotResultT, type ResultColumnT } from './query.schemas.js';

type Cell = string | number | boolean | null;

/**
 * A result pivoted on one dimension (pure): its values become columns, in the order the rows
 * bring them; each row of the pivot is one combination of the other dimensions (in the rows'
 * order), with every measure per value. At most 100 values (the others are left out: `truncated`).
 */
export function pivotRows(
  field: string,
  columns: readonly ResultColumnT[],
  rows: readonly Record<string, Cell>[],
): PivotResultT {
  const keys = columns.filter((c) => c.kind === 'dimension' && c.name !== field).map((c) => c.name);
  const measures = columns.filter((c) => c.kind === 'measure').map((c) => c.name);
  const values: string[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const out = new Map<string, PivotResultT['rows'][number]>();
  for (const row of rows) {
    const value = row[field] === null || row[field] === undefined ? '' : String(row[field]);
    if (!seen.has(value)) {
      if (seen.size >= MAX_PIVOT_VALUES) {
        truncated = true;
        continue;
      }
      seen.add(value);
      values.push(value);
    }
    const key = Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
    const id = JSON.stringify(keys.map((k) => row[k] ?? null));
    let entry = out.get(id);
    if (!entry) {
      entry = { key, cells: {} };
      out.set(id, entry);
    }
    entry.cells[value] = Object.fromEntries(measures.map((m) => [m, row[m] ?? null]));
  }
  return { field, values, rows: [...out.values()], truncated };
}
