import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { Money } from '../money.js';
import * as repo from './rates.repository.js';
import type { CreateRateInput } from './rates.schemas.js';

const ENTITY = 'finance.exchange-rate';

export const toRateDto = (r: repo.RateRow) => ({
  id: r.id,
  fromCurrency: r.from_currency,
  toCurrency: r.to_currency,
  date: r.rate_date,
  rate: new Money(r.rate).toString(),
  source: r.source,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

function check(input: CreateRateInput) {
  if (input.fromCurrency === input.toCurrency)
    throw errors.validation([{ path: 'toCurrency', message: 'A rate is between two different currencies.' }]);
  if (new Money(input.rate).lte(0)) throw errors.validation([{ path: 'rate', message: 'A rate is greater than 0.' }]);
}

const exists = (input: CreateRateInput, id: string) =>
  new AppError('exchange-rate-exists', 409, 'Exchange rate exists', {
    detail: `${input.fromCurrency}/${input.toCurrency} already has a rate on ${input.date}; change that one.`,
    extensions: { exchangeRateId: id },
  });

const values = (input: CreateRateInput) => ({
  from_currency: input.fromCurrency,
  to_currency: input.toCurrency,
  rate_date: input.date,
  rate: input.rate,
  source: input.source,
});

export async function listRates(db: Db, filter: repo.RateFilter) {
  const page = await repo.listRates(db, filter);
  return { items: page.items.map(toRateDto), nextCursor: page.nextCursor };
}

export async function getRate(db: Db, id: string) {
  const row = await repo.findRate(db, id);
  if (!row) throw errors.notFound('Exchange rate', id);
  return toRateDto(row);
}

/** One rate per pair and date: a second one is 409 `exchange-rate-exists` (the unique key backs it). */
export async function createRate(db: Db, ctx: RequestContext, input: CreateRateInput) {
  check(input);
  return inTransaction(db, async (trx) => {
    const other = await repo.findPairOnDate(trx, input.fromCurrency, input.toCurrency, input.date);
    if (other) throw exists(input, other.id);
    const row = await repo.insertRate(trx, { ...values(input), created_by: ctx.actor?.userId ?? null });
    await writeAudit(trx, ctx, { action: 'exchange-rate.created', entityType: ENTITY, entityId: row.id, after: input });
    return toRateDto(row);
  });
}

export async function updateRate(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: CreateRateInput & { version: number },
) {
  check(input);
  return inTransaction(db, async (trx) => {
    const before = await repo.lockRate(trx, id);
    if (!before) throw errors.notFound('Exchange rate', id);
    assertVersion('Exchange rate', before, input.version);
    const other = await repo.findPairOnDate(trx, input.fromCurrency, input.toCurrency, input.date);
    if (other && other.id !== id) throw exists(input, other.id);
    const row = await repo.updateRate(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'exchange-rate.updated',
      entityType: ENTITY,
      entityId: id,
      before: toRateDto(before),
      after: input,
    });
    return toRateDto(row);
  });
}

export async function deleteRate(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockRate(trx, id);
    if (!before) throw errors.notFound('Exchange rate', id);
    assertVersion('Exchange rate', before, version);
    await repo.deleteRate(trx, id);
    await writeAudit(trx, ctx, {
      action: 'exchange-rate.deleted',
      entityType: ENTITY,
      entityId: id,
      before: toRateDto(before),
    });
  });
}

/**
 * The table's rate of each currency into `to` on `date`: the latest on or before it. Currencies
 * without one are left out (the caller names them).
 */
export async function ratesOn(db: Db, currencies: readonly string[], to: string, date: string) {
  const rows = await repo.latestRatesTo(db, currencies, to, date);
  return Object.fromEntries(rows.map((r) => [r.from_currency, new Money(r.rate).toString()])) as Record<string, string>;
}
