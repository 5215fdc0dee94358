import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import type { AssetCategoriesTable, AssetStatus, AssetsTable } from './assets.tables.js';

// SQL of asset categories, assets and the months of depreciation posted.

export function listCategories(db: Db, id?: string) {
  let q = db.selectFrom('finance.asset_categories').selectAll();
  if (id) q = q.where('id', '=', id);
  return q.orderBy('name').orderBy('id').execute();
}

export function lockCategory(trx: Tx, id: string) {
  return trx.selectFrom('finance.asset_categories').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

type CategoryValues = Omit<Insertable<AssetCategoriesTable>, 'id' | 'version'>;

export function insertCategory(trx: Tx, values: CategoryValues) {
  return trx.insertInto('finance.asset_categories').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateCategory(trx: Tx, id: string, values: CategoryValues) {
  await trx
    .updateTable('finance.asset_categories')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function categoryNameTaken(db: Db, name: string, exceptId?: string) {
  let q = db
    .selectFrom('finance.asset_categories')
    .select('id')
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The accounts named, with their type and whether they can be posted to. */
export function findAccounts(db: Db, ids: string[]) {
  return db
    .selectFrom('finance.accounts')
    .select(['id', 'code', 'type', 'is_group', 'active'])
    .where('id', 'in', ids)
    .execute();
}

export function findAccountByCode(db: Db, code: string) {
  return db
    .selectFrom('finance.accounts')
    .select(['id', 'code', 'type', 'is_group', 'active'])
    .where('code', '=', code)
    .executeTakeFirst();
}

const assetColumns = [
  'a.id',
  'a.name',
  'a.category_id',
  'c.name as category_name',
  'c.asset_account_id',
  'c.accumulated_account_id',
  'c.expense_account_id',
  'a.cost',
  'a.residual_value',
  'a.acquisition_date',
  'a.in_service_date',
  'a.useful_life_months',
  'a.method',
  'a.rate',
  'a.opening_accumulated_depreciation',
  'a.depreciated_through',
  'a.status',
  'a.disposal_date',
  'a.disposal_proceeds',
  'a.disposal_entry_id',
  'a.last_error',
  'a.version',
  'a.created_at',
  'a.updated_at',
] as const;

const assetQuery = (db: Db) =>
  db
    .selectFrom('finance.assets as a')
    .innerJoin('finance.asset_categories as c', 'c.id', 'a.category_id')
    .select(assetColumns)
    .select((eb) =>
      eb
        .selectFrom('finance.asset_depreciation as d')
        .select(sql<string>`coalesce(sum(d.amount), 0)`.as('s'))
        .whereRef('d.asset_id', '=', 'a.id')
        .as('accumulated'),
    )
    .select((eb) =>
      eb
        .selectFrom('finance.asset_depreciation as d')
        .select(sql<string | null>`max(d.period)`.as('p'))
        .whereRef('d.asset_id', '=', 'a.id')
        .as('last_period'),
    );

export type AssetRow = Awaited<ReturnType<typeof getAsset>> & object;

export function getAsset(db: Db, id: string) {
  return assetQuery(db).where('a.id', '=', id).executeTakeFirst();
}

export function listAssets(
  db: Db,
  filter: PageRequest & { status?: AssetStatus | undefined; categoryId?: string | undefined },
) {
  let q = assetQuery(db);
  if (filter.status) q = q.where('a.status', '=', filter.status);
  if (filter.categoryId) q = q.where('a.category_id', '=', filter.categoryId);
  return paginate(q, filter, {
    sort: { name: 'a.name', inServiceDate: 'a.in_service_date', cost: 'a.cost' },
    id: 'a.id',
    idKey: 'id',
  });
}

export function activeAssetIds(db: Db) {
  return db
    .selectFrom('finance.assets')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function lockAsset(trx: Tx, id: string) {
  return trx.selectFrom('finance.assets').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

type AssetValues = Pick<
  Insertable<AssetsTable>,
  | 'name'
  | 'category_id'
  | 'cost'
  | 'residual_value'
  | 'acquisition_date'
  | 'in_service_date'
  | 'useful_life_months'
  | 'method'
  | 'rate'
  | 'opening_accumulated_depreciation'
  | 'depreciated_through'
>;

export function insertAsset(trx: Tx, values: AssetValues) {
  return trx.insertInto('finance.assets').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function updateAsset(
  trx: Tx,
  id: string,
  values: Partial<AssetValues> & {
    status?: AssetStatus;
    disposal_date?: string;
    disposal_proceeds?: string;
    disposal_entry_id?: string;
  },
) {
  await trx
    .updateTable('finance.assets')
    .set({ ...values, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function deleteAsset(trx: Tx, id: string) {
  await trx.deleteFrom('finance.assets').where('id', '=', id).execute();
}

export async function setLastError(db: Db, id: string, error: string | null) {
  await db.updateTable('finance.assets').set({ last_error: error }).where('id', '=', id).execute();
}

export function postedMonths(db: Db, assetId: string) {
  return db
    .selectFrom('finance.asset_depreciation')
    .select(['period', 'amount', 'entry_id'])
    .where('asset_id', '=', assetId)
    .orderBy('period')
    .execute();
}

/**
 * Claims an asset's month: inserts its row, or — when another run has it (committed, or in flight:
 * the primary key waits for it) — returns false.
 */
export async function claimMonth(trx: Tx, values: { asset_id: string; period: string; amount: string }) {
  const row = await trx
    .insertInto('finance.asset_depreciation')
    .values({ ...values, entry_id: null })
    .onConflict((oc) => oc.columns(['asset_id', 'period']).doNothing())
    .returning('period')
    .executeTakeFirst();
  return row !== undefined;
}

export async function setMonthEntry(trx: Tx, assetId: string, period: string, entryId: string) {
  await trx
    .updateTable('finance.asset_depreciation')
    .set({ entry_id: entryId })
    .where('asset_id', '=', assetId)
    .where('period', '=', period)
    .execute();
}
