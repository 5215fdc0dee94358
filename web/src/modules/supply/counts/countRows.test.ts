import { describe, expect, it } from 'vitest';
import { addedRow, countRowsError, rowsFromStock, toCountLines } from './countRows';

const stock = rowsFromStock([
  { itemId: 'a', sku: 'A', locationId: 'L1', lotId: null, lotCode: null, onHand: '10.0000' },
  { itemId: 'b', sku: 'B', locationId: 'L1', lotId: 'lot-1', lotCode: 'L-1', onHand: '2.0000' },
]);
const untracked = () => false;

describe('count rows', () => {
  it('loads the stock uncounted and sends only counted rows', () => {
    expect(stock.map((r) => [r.itemId, r.lotId, r.counted])).toEqual([
      ['a', '', ''],
      ['b', 'lot-1', ''],
    ]);
    const rows = [
      { ...stock[0]!, counted: ' 7 ' },
      stock[1]!,
      { ...addedRow(''), itemId: 'c', counted: '3', unitCost: '2.5' },
    ];
    expect(countRowsError(rows, untracked)).toBeNull();
    expect(toCountLines(rows)).toEqual([
      { itemId: 'a', countedQuantity: '7', locationId: 'L1' },
      { itemId: 'c', countedQuantity: '3', unitCost: '2.5' },
    ]);
  });

  it('finds the first problem', () => {
    expect(countRowsError(stock, untracked)).toMatch(/at least one row/);
    expect(countRowsError([{ ...stock[0]!, counted: '-1' }], untracked)).toMatch(/^Row 1: a quantity/);
    expect(countRowsError([{ ...stock[0]!, counted: '1', unitCost: 'x' }], untracked)).toMatch(/a cost/);
    expect(countRowsError([stock[0]!, addedRow('L1')], untracked)).toMatch(/^Row 2: choose an item/);
    const added = { ...addedRow('L1'), itemId: 'd' };
    expect(countRowsError([added], () => true)).toMatch(/lot or serial/);
    expect(countRowsError([added], untracked)).toMatch(/enter the counted/);
    expect(
      countRowsError(
        [
          { ...stock[0]!, counted: '1' },
          { ...addedRow('L1'), itemId: 'a', counted: '2' },
        ],
        untracked,
      ),
    ).toMatch(/^Row 2: this item, location and lot/);
  });
});
