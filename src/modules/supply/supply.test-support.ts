import { sql } from 'kysely';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness/test-app.js';

export const SUPPLY = '/api/v1/supply';

export interface Rec {
  id: string;
  version: number;
  status?: string;
  type?: string;
  errors?: { path: string; code?: string; message: string }[];
  [key: string]: unknown;
}

let n = 0;
export const uniq = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 7)}`;

export async function call<T = Rec>(t: TestApp, token: string, method: string, path: string, body?: unknown) {
  return t.request<T>(method, `${SUPPLY}${path}`, { token, ...(body === undefined ? {} : { body }) });
}

/** The request's answer, failing the test with the problem when the status is not `status`. */
export async function ok<T = Rec>(
  t: TestApp,
  token: string,
  method: string,
  path: string,
  body: unknown,
  status = 201,
): Promise<T> {
  const res = await call<T>(t, token, method, path, body);
  if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function party(t: TestApp, token: string, kind: 'vendor' | 'customer', name = uniq(kind)) {
  const res = await t.request<Rec>('POST', '/api/v1/finance/parties', { token, body: { kind, name } });
  expect(res.status).toBe(201);
  return res.body.id;
}

export interface ItemOptions {
  tracking?: 'none' | 'lot' | 'serial';
  allowNegative?: boolean;
  type?: 'stocked' | 'service' | 'consumable';
  shelfLifeDays?: number;
  defaultSupplierId?: string;
  units?: { unit: string; factor: string }[];
  standardCost?: string;
}

export async function item(t: TestApp, token: string, options: ItemOptions = {}) {
  const body = { sku: uniq('SKU'), name: uniq('Item'), ...options };
  return ok(t, token, 'POST', '/items', body);
}

export async function warehouse(t: TestApp, token: string) {
  const w = await ok<Rec & { locations: { id: string; code: string }[] }>(t, token, 'POST', '/warehouses', {
    code: uniq('W').slice(0, 20),
    name: uniq('Warehouse'),
  });
  return { id: w.id, stock: w.locations[0]!.id };
}

export async function addLocation(t: TestApp, token: string, warehouseId: string, code: string) {
  const w = await ok<{ locations: { id: string; code: string }[] }>(
    t,
    token,
    'POST',
    `/warehouses/${warehouseId}/locations`,
    {
      code,
      name: code,
    },
  );
  return w.locations.find((l) => l.code === code)!.id;
}

/** Stock in by an adjustment at a unit cost. */
export async function stockIn(
  t: TestApp,
  token: string,
  body: {
    itemId: string;
    locationId: string;
    quantity: string;
    unitCost?: string;
    lotCode?: string;
    expiryDate?: string;
    date?: string;
  },
) {
  return ok<{ moves: { id: string; value: string; lotId: string | null }[] }>(t, token, 'POST', '/stock/adjustments', {
    direction: 'in',
    reason: 'opening stock',
    ...body,
  });
}

/** The inventory account's posted balance (base debit − credit) as of a date, read from the ledger. */
export async function inventoryAccountBalance(t: TestApp, asOf = '9999-12-31'): Promise<string> {
  const res = await sql<{ v: string }>`
    select coalesce(sum(l.base_debit - l.base_credit), 0)::numeric(19,2)::text as v
    from finance.journal_lines l
    join finance.account_roles r on r.account_id = l.account_id and r.role = 'inventory'
    where l.posted_date is not null and l.posted_date <= ${asOf}`.execute(t.db);
  return res.rows[0]!.v;
}

/** A ledger account's posted balance by role. */
export async function roleBalance(t: TestApp, role: string): Promise<string> {
  const res = await sql<{ v: string }>`
    select coalesce(sum(l.base_debit - l.base_credit), 0)::numeric(19,2)::text as v
    from finance.journal_lines l
    join finance.account_roles r on r.account_id = l.account_id and r.role = ${role}
    where l.posted_date is not null`.execute(t.db);
  return res.rows[0]!.v;
}
