import { faker } from '@faker-js/faker';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { DatabaseHandle } from '../../platform/db/create-database.js';
import { check, valuation } from './stock/reports.service.js';
import { supplyDemo } from './supply.demo.js';

let h: DatabaseHandle;
beforeAll(async () => {
  h = await createTestDatabase();
  // Finance's demo makes the parties; two vendors and a customer are enough here.
  await sql`insert into finance.parties (kind, name) values ('vendor', 'Acme Supplies'), ('vendor', 'Brightline'), ('customer', 'Contoso')`.execute(
    h.db,
  );
});
afterAll(() => h.close());

it('a catalogue, two warehouses, open and received orders, lots with expiry — consistent with the ledger; a rerun adds nothing', async () => {
  const log = () => undefined;
  faker.seed(7);
  await supplyDemo.generate({ db: h.db, faker, size: 1, log });
  const items = await h.db.selectFrom('supply.items').select('sku').execute();
  expect(items.length).toBe(12);
  expect(
    (await h.db.selectFrom('supply.warehouses').select('code').orderBy('code').execute()).map((w) => w.code),
  ).toEqual(['EAST', 'MAIN']);
  const statuses = new Set(
    (await h.db.selectFrom('supply.purchase_orders').select('status').execute()).map((o) => o.status),
  );
  for (const s of ['draft', 'ordered', 'partially-received', 'received']) expect(statuses).toContain(s);
  const salesStatuses = new Set(
    (await h.db.selectFrom('supply.sales_orders').select('status').execute()).map((o) => o.status),
  );
  for (const s of ['quotation', 'confirmed', 'partially-delivered', 'delivered', 'cancelled'])
    expect(salesStatuses).toContain(s);
  const lots = await h.db
    .selectFrom('supply.lots')
    .select(['code', 'expiry_date'])
    .where('expiry_date', 'is not', null)
    .execute();
  expect(lots.length).toBeGreaterThan(0);
  expect((await check(h.db)).ok).toBe(true);
  const inventory = await sql<{ v: string }>`
    select coalesce(sum(l.base_debit - l.base_credit), 0)::numeric(19,2)::text as v
    from finance.journal_lines l join finance.account_roles r on r.account_id = l.account_id and r.role = 'inventory'
    where l.posted_date is not null`.execute(h.db);
  const v = await valuation(h.db);
  expect(Number(v.total)).toBeGreaterThan(0);
  expect(v.total).toBe(inventory.rows[0]!.v);
  await supplyDemo.generate({ db: h.db, faker, size: 1, log });
  expect(await h.db.selectFrom('supply.items').select('sku').execute()).toHaveLength(12);
});
