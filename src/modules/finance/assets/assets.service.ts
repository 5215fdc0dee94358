import { writeAudit } from '../../../platform/audit/audit-writer.js';
import { today } from '../../../platform/dates.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors, type FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import type { PageRequest } from '../../../platform/http/pagination.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { assertManualAccounts } from '../ledger/account-rules.js';
import { baseCurrency } from '../ledger/chart.js';
import { postJournalEntry } from '../ledger/journal.service.js';
import { fitsCurrency, formatDb, minorUnits, Money } from '../money.js';
import type { AccountType } from '../finance.tables.js';
import * as repo from './assets.repository.js';
import type { AssetCategoryInputT, AssetInputT, DisposeInputT } from './assets.schemas.js';
import type { AssetStatus } from './assets.tables.js';
import { closedThrough } from '../ledger/periods.repository.js';
import { addMonths, depreciationSchedule, monthEnd, monthsThrough, type ScheduleMonth } from './schedule.js';

const CATEGORY = 'finance.asset-category';
const ASSET = 'finance.asset';
/** The default account for a disposal's gain or loss: 4900 Other income (a loss debits it). */
export const GAIN_LOSS_ACCOUNT_CODE = '4900';

type CategoryRow = Awaited<ReturnType<typeof repo.listCategories>>[number];
type AssetRow = NonNullable<Awaited<ReturnType<typeof repo.getAsset>>>;

const conflict = (code: string, detail: string) => new AppError(code, 409, 'Conflict', { detail });

// ── Categories ───────────────────────────────────────────────────────────────

const categoryDto = (c: CategoryRow) => ({
  id: c.id,
  name: c.name,
  assetAccountId: c.asset_account_id,
  accumulatedAccountId: c.accumulated_account_id,
  expenseAccountId: c.expense_account_id,
  usefulLifeMonths: c.useful_life_months,
  method: c.method,
  rate: c.rate === null ? null : new Money(c.rate).toString(),
  version: c.version,
});

export async function listCategories(db: Db) {
  return { items: (await repo.listCategories(db)).map(categoryDto) };
}

export async function getCategory(db: Db, id: string) {
  const [row] = await repo.listCategories(db, id);
  if (!row) throw errors.notFound('Asset category', id);
  return categoryDto(row);
}

/** Each account exists, can be posted to (active, not a group), is of the type named, and is no control account. */
async function assertAccounts(db: Db, refs: { id: string; path: string; types: AccountType[] }[]) {
  const rows = await repo.findAccounts(
    db,
    refs.map((r) => r.id),
  );
  const problems: FieldError[] = [];
  for (const ref of refs) {
    const a = rows.find((r) => r.id === ref.id);
    if (!a) problems.push({ path: ref.path, message: `No account ${ref.id}.`, code: 'invalid_reference' });
    else if (a.is_group || !a.active)
      problems.push({ path: ref.path, message: `Account ${a.code} cannot be posted to.`, code: 'account_unusable' });
    else if (!ref.types.includes(a.type))
      problems.push({
        path: ref.path,
        message: `Account ${a.code} is ${a.type === 'income' || a.type === 'expense' ? 'an' : 'a'} ${a.type} account: use ${ref.types.join(' or ')}.`,
        code: 'wrong_account_type',
      });
  }
  if (problems.length > 0) throw errors.validation(problems);
  await assertManualAccounts(db, refs);
}

function methodRate(method: AssetCategoryInputT['method'], rate: string | null, path = 'rate') {
  if (method === 'declining-balance' && rate === null)
    throw errors.validation([{ path, message: 'Declining balance needs a yearly rate.', code: 'required' }]);
  return method === 'declining-balance' ? rate : null;
}

async function categoryValues(db: Db, input: AssetCategoryInputT, exceptId?: string) {
  await assertAccounts(db, [
    { id: input.assetAccountId, path: 'assetAccountId', types: ['asset'] },
    { id: input.accumulatedAccountId, path: 'accumulatedAccountId', types: ['asset'] },
    { id: input.expenseAccountId, path: 'expenseAccountId', types: ['expense'] },
  ]);
  if (await repo.categoryNameTaken(db, input.name, exceptId))
    throw conflict('name-taken', `An asset category named "${input.name}" exists.`);
  return {
    name: input.name,
    asset_account_id: input.assetAccountId,
    accumulated_account_id: input.accumulatedAccountId,
    expense_account_id: input.expenseAccountId,
    useful_life_months: input.usefulLifeMonths,
    method: input.method,
    rate: methodRate(input.method, input.rate),
  };
}

export async function createCategory(db: Db, ctx: RequestContext, input: AssetCategoryInputT) {
  const values = await categoryValues(db, input);
  const id = await inTransaction(db, async (trx) => {
    const { id } = await repo.insertCategory(trx, values);
    await writeAudit(trx, ctx, { action: 'asset-category.created', entityType: CATEGORY, entityId: id, after: input });
    return id;
  });
  return getCategory(db, id);
}

export async function updateCategory(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: AssetCategoryInputT & { version: number },
) {
  const values = await categoryValues(db, input, id);
  await inTransaction(db, async (trx) => {
    const before = await repo.lockCategory(trx, id);
    if (!before) throw errors.notFound('Asset category', id);
    assertVersion('Asset category', before, input.version);
    await repo.updateCategory(trx, id, values);
    await writeAudit(trx, ctx, {
      action: 'asset-category.updated',
      entityType: CATEGORY,
      entityId: id,
      before: { ...before },
      after: input,
    });
  });
  return getCategory(db, id);
}

// ── Assets ───────────────────────────────────────────────────────────────────

function scheduleOf(a: AssetRow, currency: string): ScheduleMonth[] {
  return depreciationSchedule({
    cost: a.cost,
    residualValue: a.residual_value,
    usefulLifeMonths: a.useful_life_months,
    inServiceDate: a.in_service_date,
    method: a.method,
    rate: a.rate,
    decimals: minorUnits(currency),
    openingAccumulated: a.opening_accumulated_depreciation,
    depreciatedThrough: a.depreciated_through?.slice(0, 7) ?? null,
  });
}

function assetDto(a: AssetRow, currency: string) {
  // Posted here plus what was depreciated before the asset came into these books.
  const accumulated = new Money(a.accumulated ?? '0').plus(a.opening_accumulated_depreciation);
  return {
    id: a.id,
    name: a.name,
    categoryId: a.category_id,
    categoryName: a.category_name,
    currency,
    cost: formatDb(a.cost, currency),
    residualValue: formatDb(a.residual_value, currency),
    acquisitionDate: a.acquisition_date,
    inServiceDate: a.in_service_date,
    usefulLifeMonths: a.useful_life_months,
    method: a.method,
    rate: a.rate === null ? null : new Money(a.rate).toString(),
    openingAccumulatedDepreciation: formatDb(a.opening_accumulated_depreciation, currency),
    depreciatedThrough: a.depreciated_through,
    status: a.status,
    accumulatedDepreciation: formatDb(accumulated.toString(), currency),
    bookValue: formatDb(new Money(a.cost).minus(accumulated).toString(), currency),
    lastPostedPeriod: a.last_period ?? null,
    disposalDate: a.disposal_date,
    disposalProceeds: a.disposal_proceeds === null ? null : formatDb(a.disposal_proceeds, currency),
    disposalEntryId: a.disposal_entry_id,
    lastError: a.last_error,
    version: a.version,
  };
}

async function loadAsset(db: Db, id: string) {
  const row = await repo.getAsset(db, id);
  if (!row) throw errors.notFound('Asset', id);
  return row;
}

export async function getAsset(db: Db, id: string) {
  const currency = await baseCurrency(db);
  return assetDto(await loadAsset(db, id), currency);
}

export async function listAssets(
  db: Db,
  filter: PageRequest & { status?: AssetStatus | undefined; categoryId?: string | undefined },
) {
  const currency = await baseCurrency(db);
  const page = await repo.listAssets(db, filter);
  return { items: page.items.map((a) => assetDto(a, currency)), nextCursor: page.nextCursor };
}

async function assetValues(db: Db, input: AssetInputT) {
  const [category] = await repo.listCategories(db, input.categoryId);
  if (!category) throw errors.invalidReference('categoryId', 'Asset category', input.categoryId);
  const currency = await baseCurrency(db);
  const problems: FieldError[] = [];
  for (const path of ['cost', 'residualValue'] as const)
    if (!fitsCurrency(input[path], currency))
      problems.push({ path, message: `${currency} has ${minorUnits(currency)} decimals.`, code: 'too_many_decimals' });
  if (new Money(input.cost).lte(0))
    problems.push({ path: 'cost', message: 'The cost is more than 0.', code: 'too_small' });
  else if (new Money(input.residualValue).gte(input.cost))
    problems.push({ path: 'residualValue', message: 'The residual value is less than the cost.', code: 'too_big' });
  const inService = input.inServiceDate ?? input.acquisitionDate;
  if (inService < input.acquisitionDate)
    problems.push({
      path: 'inServiceDate',
      message: 'An asset is put in service on or after its acquisition.',
      code: 'too_early',
    });
  const life = input.usefulLifeMonths ?? category.useful_life_months;
  const opening = new Money(input.openingAccumulatedDepreciation);
  const through = input.depreciatedThrough ?? null;
  if (!fitsCurrency(input.openingAccumulatedDepreciation, currency))
    problems.push({
      path: 'openingAccumulatedDepreciation',
      message: `${currency} has ${minorUnits(currency)} decimals.`,
      code: 'too_many_decimals',
    });
  if (opening.gt(0) !== (through !== null))
    problems.push({
      path: opening.gt(0) ? 'depreciatedThrough' : 'openingAccumulatedDepreciation',
      message:
        'An asset brought in part-depreciated has both its opening accumulated depreciation and the date it runs through.',
      code: 'required',
    });
  if (through !== null && opening.gt(0)) {
    const done = monthsThrough(inService.slice(0, 7), through.slice(0, 7));
    if (done < 1)
      problems.push({
        path: 'depreciatedThrough',
        message: 'Depreciated through a month on or after the in-service month.',
        code: 'too_early',
      });
    else if (done > life)
      problems.push({
        path: 'depreciatedThrough',
        message: `The useful life (${life} months) ends before ${through}.`,
        code: 'too_late',
      });
    if (opening.gt(new Money(input.cost).minus(input.residualValue)))
      problems.push({
        path: 'openingAccumulatedDepreciation',
        message: 'At most the cost less the residual value.',
        code: 'too_big',
      });
    else if (done === life && !opening.eq(new Money(input.cost).minus(input.residualValue)))
      problems.push({
        path: 'openingAccumulatedDepreciation',
        message:
          'Depreciated through the end of its life: the opening depreciation is the cost less the residual value.',
        code: 'invalid',
      });
    // Nothing is posted into closed books: the first month the schedule posts ends after the closed years.
    const closed = await closedThrough(db);
    if (closed !== null && monthEnd(addMonths(through.slice(0, 7), 1)) <= closed)
      problems.push({
        path: 'depreciatedThrough',
        message: `The books are closed through ${closed}: bring the asset in depreciated through ${closed.slice(0, 7)} or later.`,
        code: 'period-closed',
      });
  }
  if (problems.length > 0) throw errors.validation(problems);
  const method = input.method ?? category.method;
  const rate = input.rate ?? (method === category.method ? category.rate : null);
  return {
    name: input.name,
    category_id: input.categoryId,
    cost: input.cost,
    residual_value: input.residualValue,
    acquisition_date: input.acquisitionDate,
    in_service_date: inService,
    useful_life_months: life,
    method,
    opening_accumulated_depreciation: opening.gt(0) ? input.openingAccumulatedDepreciation : '0',
    depreciated_through: opening.gt(0) ? through : null,
    rate: methodRate(method, rate === null ? null : new Money(rate).toString()),
  };
}

export async function createAsset(db: Db, ctx: RequestContext, input: AssetInputT) {
  const values = await assetValues(db, input);
  const id = await inTransaction(db, async (trx) => {
    const { id } = await repo.insertAsset(trx, values);
    await writeAudit(trx, ctx, { action: 'asset.created', entityType: ASSET, entityId: id, after: input });
    return id;
  });
  return getAsset(db, id);
}

async function lockForChange(trx: Tx, id: string, version: number) {
  const before = await repo.lockAsset(trx, id);
  if (!before) throw errors.notFound('Asset', id);
  assertVersion('Asset', before, version);
  return before;
}

/** A draft only: an active asset's figures are what its posted depreciation was computed from. */
export async function updateAsset(db: Db, ctx: RequestContext, id: string, input: AssetInputT & { version: number }) {
  const values = await assetValues(db, input);
  await inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, id, input.version);
    if (before.status !== 'draft') throw conflict('asset-not-draft', 'Only a draft asset can be changed.');
    await repo.updateAsset(trx, id, values);
    await writeAudit(trx, ctx, {
      action: 'asset.updated',
      entityType: ASSET,
      entityId: id,
      before: { ...before },
      after: input,
    });
  });
  return getAsset(db, id);
}

export async function deleteAsset(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, id, version);
    if (before.status !== 'draft') throw conflict('asset-not-draft', 'Only a draft asset can be deleted.');
    await repo.deleteAsset(trx, id);
    await writeAudit(trx, ctx, { action: 'asset.deleted', entityType: ASSET, entityId: id, before: { ...before } });
  });
}

/** Draft → active: from now on the depreciation runs post its months. */
export async function activateAsset(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, id, version);
    if (before.status !== 'draft') throw conflict('asset-not-draft', 'Only a draft asset can be activated.');
    await repo.updateAsset(trx, id, { status: 'active' });
    await writeAudit(trx, ctx, {
      action: 'asset.activated',
      entityType: ASSET,
      entityId: id,
      before: { status: 'draft' },
      after: { status: 'active' },
    });
  });
  return getAsset(db, id);
}

export async function assetSchedule(db: Db, id: string) {
  const currency = await baseCurrency(db);
  const asset = await loadAsset(db, id);
  const posted = new Map((await repo.postedMonths(db, id)).map((m) => [m.period, m]));
  return {
    assetId: id,
    currency,
    total: formatDb(
      new Money(asset.cost).minus(asset.residual_value).minus(asset.opening_accumulated_depreciation).toString(),
      currency,
    ),
    openingAccumulatedDepreciation: formatDb(asset.opening_accumulated_depreciation, currency),
    depreciatedThrough: asset.depreciated_through,
    months: scheduleOf(asset, currency).map((m) => ({
      ...m,
      posted: posted.has(m.period),
      entryId: posted.get(m.period)?.entry_id ?? null,
    })),
  };
}

// ── Depreciation runs ────────────────────────────────────────────────────────

/** The month before today's: what the monthly job posts through. */
export const lastMonth = (date = today()) => addMonths(date.slice(0, 7), -1);

/**
 * Posts one month of an asset's depreciation (Dr expense, Cr accumulated depreciation, dated the
 * month's last day, through `postJournalEntry`: the period lock applies) in the caller's
 * transaction, after locking the asset. The month is claimed in `finance.asset_depreciation`
 * (primary key asset + month): a month already claimed — by an earlier run, or by one in flight,
 * which the asset's row lock waits for — posts nothing and returns false.
 */
async function postMonth(trx: Tx, ctx: RequestContext, asset: AssetRow, month: ScheduleMonth): Promise<boolean> {
  const locked = await repo.lockAsset(trx, asset.id);
  if (locked?.status !== 'active') return false;
  if (!(await repo.claimMonth(trx, { asset_id: asset.id, period: month.period, amount: month.amount }))) return false;
  if (new Money(month.amount).isZero()) return true;
  const description = `Depreciation ${month.period}: ${asset.name}`.slice(0, 500);
  const entry = await postJournalEntry(
    trx,
    ctx,
    {
      date: month.date,
      reference: `DEP-${month.period}`,
      memo: description,
      lines: [
        { accountId: asset.expense_account_id, debit: month.amount, description },
        { accountId: asset.accumulated_account_id, credit: month.amount, description },
      ],
    },
    { sourceType: 'asset-depreciation', sourceId: asset.id },
  );
  await repo.setMonthEntry(trx, asset.id, month.period, entry.id);
  await writeAudit(trx, ctx, {
    action: 'asset.depreciated',
    entityType: ASSET,
    entityId: asset.id,
    after: { period: month.period, amount: month.amount, entryId: entry.id },
  });
  return true;
}

function dueMonths(asset: AssetRow, currency: string, posted: Set<string>, through: string) {
  return scheduleOf(asset, currency).filter((m) => m.period <= through && !posted.has(m.period));
}

type RunError = { assetId: string; period: string; code: string; detail: string };

/**
 * Posts every active asset's depreciation due up to the month `through` (the monthly job: last
 * month; also `POST /assets/depreciation/run`). Each month posts in its own transaction, in order;
 * a month that cannot post (a closed period) stops that asset — its later months wait — and the
 * error is kept on the asset (`lastError`) and in the result. Running twice posts once.
 */
export async function runDepreciation(db: Db, ctx: RequestContext, through = lastMonth()) {
  const result = { through, posted: 0, skipped: 0, failed: 0, errors: [] as RunError[] };
  const currency = await baseCurrency(db);
  for (const { id } of await repo.activeAssetIds(db)) {
    const asset = await loadAsset(db, id);
    const posted = new Set((await repo.postedMonths(db, id)).map((m) => m.period));
    const due = dueMonths(asset, currency, posted, through);
    let error: string | null = null;
    for (const month of due) {
      try {
        if (await inTransaction(db, (trx) => postMonth(trx, ctx, asset, month))) result.posted += 1;
        else result.skipped += 1;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        result.failed += 1;
        result.errors.push({ assetId: id, period: month.period, code: e.code, detail: e.detail ?? e.message });
        error = `${month.period}: ${e.detail ?? e.message}`.slice(0, 1000);
        break;
      }
    }
    if (error !== asset.last_error && (due.length > 0 || asset.last_error !== null))
      await repo.setLastError(db, id, error);
  }
  return result;
}

// ── Disposal ─────────────────────────────────────────────────────────────────

async function gainLossAccount(db: Db, input: DisposeInputT) {
  if (input.gainLossAccountId) return input.gainLossAccountId;
  const account = await repo.findAccountByCode(db, GAIN_LOSS_ACCOUNT_CODE);
  if (!account)
    throw errors.validation([
      {
        path: 'gainLossAccountId',
        message: `There is no account ${GAIN_LOSS_ACCOUNT_CODE}: name the gain/loss account.`,
        code: 'required',
      },
    ]);
  return account.id;
}

/**
 * Disposes of an active asset in one transaction: posts its depreciation up to and including the
 * disposal month, then the disposal entry on the disposal date — Dr accumulated depreciation (all
 * posted), Dr the proceeds account (proceeds), Cr the asset account (cost), and the difference
 * (proceeds − book value) to the gain/loss account: a gain credits it, a loss debits it. A closed
 * period anywhere on the way refuses the whole disposal (422 `period-closed`).
 */
export async function disposeAsset(db: Db, ctx: RequestContext, id: string, input: DisposeInputT) {
  const currency = await baseCurrency(db);
  const proceeds = new Money(input.proceeds);
  if (!fitsCurrency(input.proceeds, currency))
    throw errors.validation([
      { path: 'proceeds', message: `${currency} has ${minorUnits(currency)} decimals.`, code: 'too_many_decimals' },
    ]);
  if (proceeds.gt(0) && !input.proceedsAccountId)
    throw errors.validation([
      { path: 'proceedsAccountId', message: 'Name the account the proceeds went to.', code: 'required' },
    ]);
  const gainLossId = await gainLossAccount(db, input);
  await assertAccounts(db, [
    ...(proceeds.gt(0) && input.proceedsAccountId
      ? [{ id: input.proceedsAccountId, path: 'proceedsAccountId', types: ['asset'] as AccountType[] }]
      : []),
    { id: gainLossId, path: 'gainLossAccountId', types: ['income', 'expense'] },
  ]);
  await inTransaction(db, async (trx) => {
    const before = await lockForChange(trx, id, input.version);
    if (before.status !== 'active') throw conflict('asset-not-active', 'Only an active asset can be disposed of.');
    if (input.date < before.acquisition_date)
      throw errors.validation([
        { path: 'date', message: 'An asset is disposed of on or after its acquisition.', code: 'too_early' },
      ]);
    const asset = await loadAsset(trx, id);
    const posted = new Set((await repo.postedMonths(trx, id)).map((m) => m.period));
    for (const month of dueMonths(asset, currency, posted, input.date.slice(0, 7)))
      await postMonth(trx, ctx, asset, month);
    const accumulated = (await repo.postedMonths(trx, id)).reduce(
      (s, m) => s.plus(m.amount),
      new Money(asset.opening_accumulated_depreciation),
    );
    const cost = new Money(asset.cost);
    const gain = proceeds.plus(accumulated).minus(cost);
    const fmt = (v: Money) => v.toFixed(minorUnits(currency));
    const description = `Disposal: ${asset.name}`.slice(0, 500);
    const lines = [
      ...(accumulated.gt(0) ? [{ accountId: asset.accumulated_account_id, debit: fmt(accumulated), description }] : []),
      ...(proceeds.gt(0) && input.proceedsAccountId
        ? [{ accountId: input.proceedsAccountId, debit: fmt(proceeds), description }]
        : []),
      { accountId: asset.asset_account_id, credit: fmt(cost), description },
      ...(gain.gt(0) ? [{ accountId: gainLossId, credit: fmt(gain), description: `${description} (gain)` }] : []),
      ...(gain.lt(0) ? [{ accountId: gainLossId, debit: fmt(gain.neg()), description: `${description} (loss)` }] : []),
    ];
    const entry = await postJournalEntry(
      trx,
      ctx,
      { date: input.date, reference: 'ASSET-DISPOSAL', memo: description, lines },
      { sourceType: 'asset-disposal', sourceId: id },
    );
    await repo.updateAsset(trx, id, {
      status: 'disposed',
      disposal_date: input.date,
      disposal_proceeds: input.proceeds,
      disposal_entry_id: entry.id,
    });
    await writeAudit(trx, ctx, {
      action: 'asset.disposed',
      entityType: ASSET,
      entityId: id,
      before: { status: 'active' },
      after: { ...input, status: 'disposed', entryId: entry.id, gainOrLoss: fmt(gain) },
    });
  });
  return getAsset(db, id);
}
