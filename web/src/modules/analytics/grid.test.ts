import { describe, expect, it } from 'vitest';
import { moveIndex, pack, readingOrder, resized, target } from './grid';

const cards = (...ws: number[]) => ws.map((w, i) => ({ id: String.fromCharCode(65 + i), w, h: 8 }));
const ids = (list: readonly { id: string }[]) => list.map((c) => c.id).join('');

describe('the dashboard grid', () => {
  it('flows cards left to right on 24 columns, a new row when one does not fit', () => {
    expect(pack(cards(12, 12, 8, 24)).map(({ x, y, w }) => [x, y, w])).toEqual([
      [0, 0, 12],
      [12, 0, 12],
      [0, 8, 8],
      [0, 16, 24],
    ]);
    expect(pack([{ w: 40, h: 0 }])).toEqual([{ x: 0, y: 0, w: 24, h: 1 }]);
  });

  it('reads saved positions by row, then column', () => {
    const saved = [
      { id: 'B', x: 12, y: 0, w: 12, h: 8 },
      { id: 'C', x: 0, y: 8, w: 12, h: 8 },
      { id: 'A', x: 0, y: 0, w: 12, h: 8 },
    ];
    expect(ids(readingOrder(saved))).toBe('ABC');
  });

  it('moves left and right by one place, up and down to the card under its left edge in the next row', () => {
    const grid = pack(cards(12, 12, 12, 12)); // [A B] [C D]
    expect(target(grid, 0, 'left')).toBeNull();
    expect(target(grid, 3, 'right')).toBeNull();
    expect(target(grid, 0, 'up')).toBeNull();
    expect(target(grid, 2, 'down')).toBeNull();
    expect(ids(moveIndex(grid, 0, target(grid, 0, 'right')!))).toBe('BACD');
    expect(ids(moveIndex(grid, 0, target(grid, 0, 'down')!))).toBe('BCAD'); // [B C] [A D]: A below, at x 0
    expect(ids(moveIndex(grid, 3, target(grid, 3, 'up')!))).toBe('ADBC'); // [A D] [B C]: D above, at x 12
    const placed = pack(moveIndex(grid, 1, target(grid, 1, 'down')!)); // B to the second row, at x 12
    expect(placed.find((c) => c.id === 'B')).toMatchObject({ x: 12, y: 8 });
  });

  it('resizes through the allowed widths', () => {
    expect(resized(12, true)).toBe(16);
    expect(resized(12, false)).toBe(8);
    expect(resized(24, true)).toBeNull();
    expect(resized(6, false)).toBeNull();
    expect(resized(10, true)).toBe(12);
  });
});
