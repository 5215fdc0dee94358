import { AppError } from '../../platform/errors/app-error.js';

/** The supply module's error codes (the problem `type` ends with the code). */
export type SupplyErrorCode =
  | 'insufficient-stock'
  | 'in-use'
  | 'not-stocked'
  | 'lot-required'
  | 'serial-quantity'
  | 'unknown-unit'
  | 'over-receipt'
  | 'order-status'
  | 'three-way-mismatch'
  | 'nothing-to-bill'
  | 'already-billed'
  | 'count-posted'
  | 'nothing-to-return'
  | 'no-standard-cost'
  | 'opportunity-closed';

export const supplyErrors = {
  /** 409: the move would take on-hand (or available) below zero. */
  insufficientStock: (sku: string, requested: string, available: string, path?: string) =>
    new AppError('insufficient-stock', 409, 'Insufficient stock', {
      detail: `Only ${available} of ${sku} is available; ${requested} was requested.`,
      extensions: { sku, requested, available },
      ...(path ? { errors: [{ path, message: `Only ${available} available.`, code: 'insufficient_stock' }] } : {}),
    }),
  inUse: (entity: string, id: string, usedBy: Record<string, number>) =>
    new AppError('in-use', 409, `${entity} in use`, {
      detail: `${entity} ${id} is still used by ${Object.entries(usedBy)
        .map(([what, n]) => `${n} ${what}`)
        .join(', ')}.`,
      extensions: { usedBy },
    }),
  notStocked: (sku: string, path: string) =>
    new AppError('not-stocked', 422, 'Not a stocked item', {
      detail: `${sku} is a service or consumable: it has no stock.`,
      errors: [{ path, message: 'Only stocked items move through the warehouse.', code: 'not_stocked' }],
    }),
  lotRequired: (sku: string, path: string) =>
    new AppError('lot-required', 422, 'Lot or serial required', {
      detail: `${sku} is tracked by lot or serial number: say which.`,
      errors: [{ path, message: 'Required for this item.', code: 'required' }],
    }),
  serialQuantity: (sku: string, path: string) =>
    new AppError('serial-quantity', 422, 'One unit per serial number', {
      detail: `${sku} is serial-tracked: a serial number is exactly one unit, and in one place at a time.`,
      errors: [{ path, message: 'A serial number is one unit.', code: 'serial' }],
    }),
  unknownUnit: (sku: string, unit: string, path: string) =>
    new AppError('unknown-unit', 422, 'Unknown unit', {
      detail: `${sku} has no unit "${unit}" (its base unit or one of its conversions).`,
      errors: [{ path, message: `No unit "${unit}" for this item.`, code: 'unknown_unit' }],
    }),
  overReceipt: (path: string, ordered: string, allowed: string, receiving: string) =>
    new AppError('over-receipt', 422, 'Over-receipt', {
      detail: `Receiving ${receiving} would exceed the ordered ${ordered} beyond the allowed ${allowed}.`,
      errors: [{ path, message: `At most ${allowed} in total.`, code: 'over_receipt' }],
    }),
  orderStatus: (number: string, status: string, action: string) =>
    new AppError('order-status', 409, 'Wrong order status', {
      detail: `${number} is ${status}: it cannot be ${action}.`,
      extensions: { status },
    }),
  /** 422: the supplier's bill does not match the order and the receipt. Nothing is posted. */
  threeWayMismatch: (mismatches: { path: string; message: string; code: string }[]) =>
    new AppError('three-way-mismatch', 422, 'Three-way match failed', {
      detail: `The bill does not match the order and the receipt (${mismatches.length} mismatch${mismatches.length === 1 ? '' : 'es'}); nothing was posted.`,
      errors: mismatches,
    }),
  nothingToBill: (number: string) =>
    new AppError('nothing-to-bill', 409, 'Nothing to bill', { detail: `Receipt ${number} is fully billed.` }),
  alreadyBilled: (path: string) =>
    new AppError('already-billed', 409, 'Already billed', {
      detail: 'That quantity was already billed: return it with a vendor credit in Finance instead.',
      errors: [{ path, message: 'Billed already.', code: 'billed' }],
    }),
  countPosted: (number: string) =>
    new AppError('count-posted', 409, 'Count posted', { detail: `Count ${number} is posted and cannot change.` }),
  noStandardCost: (sku: string) =>
    new AppError('no-standard-cost', 422, 'No standard cost', {
      detail: `Stock is valued at standard cost, and ${sku} has none: give the item its standardCost first.`,
      extensions: { sku },
    }),
  opportunityClosed: (status: string) =>
    new AppError('opportunity-closed', 409, 'Opportunity closed', {
      detail: `The opportunity is ${status}: quote an open opportunity (move it back to an open stage in CRM first).`,
      extensions: { status },
    }),
  nothingToReturn: (path: string, max: string) =>
    new AppError('nothing-to-return', 422, 'Cannot return that much', {
      detail: `At most ${max} can be returned.`,
      errors: [{ path, message: `At most ${max}.`, code: 'too_much' }],
    }),
};
