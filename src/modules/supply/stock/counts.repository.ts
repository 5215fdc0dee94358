import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { CountFilter } from './counts.schemas.js';

export function insertCount(
  db: Db,
  values: { number: string; warehouse_id: string; count_date: string; reason: string; created_by: string | null },
) {
  return db.insertInto('supply.counts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertCountLines(
  db: Db,
  lines: {
    count_id: string;
    item_id: string;
    location_id: string;
    lot_id: string | null;
    counted_quantity: string;
    unit_cost: string | null;
  }[],
) {
  await db.insertInto('supply.count_lines').values(lines).execute();
}

export function findCount(db: Db, id: string, options: { forUpdate?: boolean } = {}) {
  let q = db.selectFrom('supply.counts').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The count's lines with what is on hand now in their place. */
export function countLines(db: Db, countId: string) {
  return db
    .selectFrom('supply.count_lines as c')
    .leftJoin('supply.balances as b', (j) =>
      j
        .onRef('b.item_id', '=', 'c.item_id')
        .onRef('b.location_id', '=', 'c.location_id')
        .on(sql<boolean>`b.lot_id is not distinct from c.lot_id`),
    )
    .select([
      'c.id',
      'c.item_id',
      'c.location_id',
      'c.lot_id',
      'c.counted_quantity',
      'c.unit_cost',
      sql<string>`coalesce(b.on_hand, 0)`.as('on_hand'),
    ])
    .where('c.count_id', '=', countId)
    .orderBy('c.item_id')
    .orderBy('c.id')
    .execute();
}

export async function markPosted(db: Db, id: string) {
  await db
    .updateTable('supply.counts')
    .set({ status: 'posted', version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** A page of counts with how many lines each has (filters: status, warehouse, a line's location; `q` the number or reason). */
export function listCounts(db: Db, f: CountFilter) {
  let q = db
    .selectFrom('supply.counts as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('supply.count_lines as l')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('l.count_id', '=', 'c.id')
        .as('line_count'),
    );
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.warehouseId) q = q.where('c.warehouse_id', '=', f.warehouseId);
  if (f.locationId) {
    const locationId = f.locationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('supply.count_lines as l')
          .select(sql`1`.as('one'))
          .whereRef('l.count_id', '=', 'c.id')
          .where('l.location_id', '=', locationId),
      ),
    );
  }
  if (f.q) {
    const pattern = containsPattern(f.q);
    q = q.where((eb) => eb.or([eb('c.number', 'ilike', pattern), eb('c.reason', 'ilike', pattern)]));
  }
  return paginate(q, f, {
    sort: { number: 'c.number', date: 'c.count_date', createdAt: 'c.created_at' },
    id: 'c.id',
    idKey: 'id',
  });
}
