// A dashboard's grid (pure): cards flow left to right on 24 columns in their order, a new row when
// the next one does not fit. Moving a card changes its place in that order; the API stores each
// card's x/y/w/h as packed here, so a reload shows the same arrangement.

export const COLUMNS = 24;
/** The widths a card may take (a quarter, a third, a half, two thirds, the full row). */
export const WIDTHS = [6, 8, 12, 16, 24] as const;
export const DEFAULT_W = 12;
export const DEFAULT_H = 8;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export type Direction = 'left' | 'right' | 'up' | 'down';

/** Cards in reading order: by row, then column. */
export const readingOrder = <T extends Box>(cards: readonly T[]): T[] =>
  [...cards].sort((a, b) => a.y - b.y || a.x - b.x);

/** The cards in this order at their flowed positions (widths clamped to the grid). */
export function pack<T extends Pick<Box, 'w' | 'h'>>(cards: readonly T[]): (T & Box)[] {
  let x = 0;
  let y = 0;
  let rowH = 0;
  return cards.map((card) => {
    const w = Math.min(COLUMNS, Math.max(1, Math.round(card.w)));
    const h = Math.max(1, Math.round(card.h));
    if (x + w > COLUMNS) {
      y += rowH;
      x = 0;
      rowH = 0;
    }
    const placed = { ...card, x, y, w, h };
    x += w;
    rowH = Math.max(rowH, h);
    return placed;
  });
}

/** `list` with the item at `from` taken out and put at `to` (it takes the place of the item there). */
export function moveIndex<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length || to < 0 || to >= next.length || from === to) return next;
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * Where the card at `index` goes when moved one step in `direction` (null: it cannot go that way).
 * Left and right swap it with its neighbour in the order; up and down put it in the row above or
 * below, at the card under its left edge (or the row's last one).
 */
export function target(packed: readonly Box[], index: number, direction: Direction): number | null {
  const card = packed[index];
  if (!card) return null;
  if (direction === 'left') return index > 0 ? index - 1 : null;
  if (direction === 'right') return index < packed.length - 1 ? index + 1 : null;
  const rows = [...new Set(packed.map((c) => c.y))].sort((a, b) => a - b);
  const row = rows[rows.indexOf(card.y) + (direction === 'up' ? -1 : 1)];
  if (row === undefined) return null;
  const inRow = packed.flatMap((c, i) => (c.y === row ? [{ c, i }] : []));
  const under = inRow.find(({ c }) => c.x + c.w > card.x) ?? inRow.at(-1)!;
  return under.i;
}

/** The next wider or narrower width (null: none). */
export function resized(w: number, wider: boolean): number | null {
  const next = wider ? WIDTHS.find((x) => x > w) : [...WIDTHS].reverse().find((x) => x < w);
  return next ?? null;
}
