import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import type { ExchangeRatesTable } from './rates.tables.js';
import './rates.tables.js';

export type RateRow = Selectable<ExchangeRatesTable>;

export interface RateFilter extends PageRequest {
  from?: string | undefined;
  to?: string | undefined;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

export function listRates(db: Db, filter: RateFilter) {
  let q = db.selectFrom('finance.exchange_rates as r').selectAll('r');
  if (filter.from) q = q.where('r.from_currency', '=', filter.from);
  if (filter.to) q = q.where('r.to_currency', '=', filter.to);
  if (filter.dateFrom) q = q.where('r.rate_date', '>=', filter.dateFrom);
  if (filter.dateTo) q = q.where('r.rate_date', '<=', filter.dateTo);
  return paginate(q, filter, {
    sort: { date: 'r.rate_date', createdAt: 'r.created_at' },
    id: 'r.id',
    idKey: 'id',
  });
}

export function findRate(db: Db, id: string) {
  return db.selectFrom('finance.exchange_rates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockRate(trx: Db, id: string) {
  return trx.selectFrom('finance.exchange_rates').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function findPairOnDate(db: Db, from: string, to: string, date: string) {
  return db
    .selectFrom('finance.exchange_rates')
    .selectAll()
    .where('from_currency', '=', from)
    .where('to_currency', '=', to)
    .where('rate_date', '=', date)
    .executeTakeFirst();
}

export function insertRate(trx: Db, values: Insertable<ExchangeRatesTable>) {
  return trx.insertInto('finance.exchange_rates').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRate(
  trx: Db,
  id: string,
  values: Pick<Insertable<ExchangeRatesTable>, 'from_currency' | 'to_currency' | 'rate_date' | 'rate' | 'source'>,
) {
  return trx
    .updateTable('finance.exchange_rates')
    .set((eb) => ({ ...values, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteRate(trx: Db, id: string): Promise<void> {
  await trx.deleteFrom('finance.exchange_rates').where('id', '=', id).execute();
}

/**
 * For each currency, the rate to `to` of the latest date on or before `date` (one query:
 * `distinct on` the currency, newest first).
 */
export async function latestRatesTo(db: Db, currencies: readonly string[], to: string, date: string) {
  if (currencies.length === 0) return [];
  const rows = await sql<{ from_currency: string; rate: string; rate_date: string }>`
    select distinct on (from_currency) from_currency, rate::text as rate, rate_date::text as rate_date
      from finance.exchange_rates
     where to_currency = ${to} and rate_date <= ${date}
       and from_currency in (${sql.join(currencies)})
     order by from_currency, rate_date desc`.execute(db);
  return rows.rows;
}
