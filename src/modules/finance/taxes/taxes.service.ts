import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { AppError, errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { financeErrors } from '../finance.errors.js';
import { findAccountKinds, findPostingAccounts } from '../ledger/accounts.repository.js';
import { accountForRole, ensureLedger } from '../ledger/chart.js';
import { Money } from '../money.js';
import * as repo from './taxes.repository.js';
import type { CreateTaxCodeInput, UpdateTaxCodeInput } from './taxes.schemas.js';
import type { FiscalPositionKind, TaxKind, TaxTreatment } from './taxes.tables.js';

const CODE = 'finance.tax-code';
const POSITION = 'finance.fiscal-position';

const invalid = (path: string, message: string) => errors.validation([{ path, message }], message);

async function components(db: Db, groupIds: string[]) {
  const rows = await repo.componentsOf(db, groupIds);
  const codes = new Map(
    (
      await repo.findTaxCodes(
        db,
        rows.map((r) => r.component_id),
      )
    ).map((c) => [c.id, c.code]),
  );
  return rows.map((r) => ({ ...r, code: codes.get(r.component_id) ?? '' }));
}

function toDto(
  c: repo.TaxCodeRow,
  parts: { group_id: string; component_id: string; code: string; compound: boolean }[],
) {
  return {
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    isGroup: c.is_group,
    rate: new Money(c.rate).toString(),
    treatment: c.treatment,
    exemptReason: c.exempt_reason,
    accountId: c.account_id,
    reverseAccountId: c.reverse_account_id,
    netBox: c.net_box,
    taxBox: c.tax_box,
    reverseTaxBox: c.reverse_tax_box,
    components: parts
      .filter((p) => p.group_id === c.id)
      .map((p) => ({ taxCodeId: p.component_id, code: p.code, compound: p.compound })),
    active: c.active,
    version: c.version,
  };
}

export async function listTaxCodes(db: Db) {
  const rows = await repo.listTaxCodes(db);
  const parts = await components(
    db,
    rows.filter((r) => r.is_group).map((r) => r.id),
  );
  return { items: rows.map((r) => toDto(r, parts)) };
}

export async function getTaxCode(db: Db, id: string) {
  const row = await repo.findTaxCode(db, id);
  if (!row) throw errors.notFound('Tax code', id);
  return toDto(row, await components(db, [id]));
}

/** A tax account: postable, a balance-sheet account, never a receivable or payable control account. */
async function assertTaxAccount(trx: Db, id: string, path: string) {
  const [account] = await findPostingAccounts(trx, [id]);
  if (!account) throw financeErrors.unknownAccount(id, path);
  if (!account.active) throw financeErrors.inactiveAccount(account.code, path);
  if (account.is_group) throw financeErrors.groupAccount(account.code, path);
  const kinds = await findAccountKinds(trx, [id]);
  const type = kinds[0]!.type;
  if (type !== 'liability' && type !== 'asset')
    throw financeErrors.wrongAccountType(
      `Account ${account.code} is an ${type} account: tax posts to a liability or asset account.`,
      path,
    );
  const control = kinds.find((k) => k.role === 'receivable' || k.role === 'payable');
  if (control)
    throw financeErrors.controlAccount(
      `Account ${account.code} is the ${control.role} account: tax has its own accounts.`,
      path,
    );
}

interface Shape {
  kind: TaxKind;
  rate: string;
  treatment: TaxTreatment;
  exemptReason: string;
  accountId: string | null;
  reverseAccountId: string | null;
  components: { taxCodeId: string; compound: boolean }[] | null;
}

/** Checks a code's shape and fills its default accounts. */
async function settle(trx: Db, shape: Shape, selfId: string | null) {
  const isGroup = shape.components !== null && shape.components.length > 0;
  let { accountId, reverseAccountId } = shape;
  if (isGroup) {
    if (shape.treatment !== 'standard')
      throw invalid('treatment', 'A group is standard: its components have their own treatment.');
    const ids = shape.components!.map((c) => c.taxCodeId);
    if (new Set(ids).size !== ids.length) throw invalid('components', 'A code appears twice in the group.');
    const codes = new Map((await repo.findTaxCodes(trx, ids)).map((c) => [c.id, c]));
    shape.components!.forEach((c, i) => {
      const code = codes.get(c.taxCodeId);
      if (!code || c.taxCodeId === selfId) throw invalid(`components.${i}.taxCodeId`, `No tax code ${c.taxCodeId}.`);
      if (code.is_group) throw invalid(`components.${i}.taxCodeId`, `${code.code} is a group: groups do not nest.`);
      if (code.kind !== shape.kind)
        throw invalid(`components.${i}.taxCodeId`, `${code.code} is a ${code.kind} tax; the group is ${shape.kind}.`);
    });
    return { isGroup, rate: '0', accountId: null, reverseAccountId: null };
  }
  const zero = shape.treatment === 'exempt' || shape.treatment === 'zero-rated';
  if (zero && !shape.exemptReason)
    throw invalid('exemptReason', 'An exempt or zero-rated code needs the reason printed on the document.');
  if (shape.treatment === 'reverse-charge' && shape.kind !== 'purchase')
    throw invalid('treatment', 'Reverse charge is self-assessed by the buyer: it is a purchase tax.');
  if (!zero) accountId ??= await accountForRole(trx, shape.kind === 'sales' ? 'tax-payable' : 'tax-receivable');
  if (shape.treatment === 'reverse-charge') reverseAccountId ??= await accountForRole(trx, 'tax-payable');
  else reverseAccountId = null;
  if (accountId) await assertTaxAccount(trx, accountId, 'accountId');
  if (reverseAccountId) await assertTaxAccount(trx, reverseAccountId, 'reverseAccountId');
  return { isGroup, rate: zero ? '0' : shape.rate, accountId, reverseAccountId };
}

export async function createTaxCode(db: Db, ctx: RequestContext, input: CreateTaxCodeInput) {
  const id = await inTransaction(db, async (trx) => {
    await ensureLedger(trx);
    if (await repo.findTaxCodeByCode(trx, input.code))
      throw new AppError('tax-code-taken', 409, 'Tax code taken', {
        detail: `A tax code ${input.code} already exists.`,
      });
    const s = await settle(
      trx,
      {
        kind: input.kind,
        rate: input.rate ?? '0',
        treatment: input.treatment ?? 'standard',
        exemptReason: input.exemptReason ?? '',
        accountId: input.accountId ?? null,
        reverseAccountId: input.reverseAccountId ?? null,
        components: input.components ?? null,
      },
      null,
    );
    const row = await repo.insertTaxCode(trx, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      is_group: s.isGroup,
      rate: s.rate,
      treatment: input.treatment ?? 'standard',
      exempt_reason: input.exemptReason ?? '',
      account_id: s.accountId,
      reverse_account_id: s.reverseAccountId,
      net_box: input.netBox ?? '',
      tax_box: input.taxBox ?? '',
      reverse_tax_box: input.reverseTaxBox ?? '',
    });
    if (s.isGroup) await repo.replaceComponents(trx, row.id, input.components!);
    await writeAudit(trx, ctx, { action: 'tax-code.created', entityType: CODE, entityId: row.id, after: { ...input } });
    return row.id;
  });
  return getTaxCode(db, id);
}

/**
 * Changes a code (with the version read). Issued documents keep the rate, account and boxes they
 * were issued with (their breakdown is a snapshot), so a change applies from the next document on.
 */
export async function updateTaxCode(db: Db, ctx: RequestContext, id: string, input: UpdateTaxCodeInput) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockTaxCode(trx, id);
    if (!before) throw errors.notFound('Tax code', id);
    assertVersion('Tax code', before, input.version);
    const existing = before.is_group ? await repo.componentsOf(trx, [id]) : [];
    if (input.components !== undefined && before.is_group !== input.components.length > 0)
      throw invalid('components', 'A group stays a group and a code stays a code: create a new one instead.');
    const s = await settle(
      trx,
      {
        kind: before.kind,
        rate: input.rate ?? before.rate,
        treatment: input.treatment ?? before.treatment,
        exemptReason: input.exemptReason ?? before.exempt_reason,
        accountId: input.accountId === undefined ? before.account_id : input.accountId,
        reverseAccountId: input.reverseAccountId === undefined ? before.reverse_account_id : input.reverseAccountId,
        components: before.is_group
          ? (input.components ?? existing.map((c) => ({ taxCodeId: c.component_id, compound: c.compound })))
          : null,
      },
      id,
    );
    await repo.updateTaxCode(trx, id, {
      name: input.name ?? before.name,
      rate: s.rate,
      treatment: input.treatment ?? before.treatment,
      exempt_reason: input.exemptReason ?? before.exempt_reason,
      account_id: s.accountId,
      reverse_account_id: s.reverseAccountId,
      net_box: input.netBox ?? before.net_box,
      tax_box: input.taxBox ?? before.tax_box,
      reverse_tax_box: input.reverseTaxBox ?? before.reverse_tax_box,
      active: input.active ?? before.active,
    });
    if (before.is_group && input.components) await repo.replaceComponents(trx, id, input.components);
    await writeAudit(trx, ctx, {
      action: 'tax-code.updated',
      entityType: CODE,
      entityId: id,
      before: { ...before },
      after: { ...input },
    });
  });
  return getTaxCode(db, id);
}

export async function deleteTaxCode(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockTaxCode(trx, id);
    if (!before) throw errors.notFound('Tax code', id);
    if (await repo.taxCodeUsed(trx, id))
      throw new AppError('tax-code-in-use', 409, 'Tax code in use', {
        detail: `The tax code ${before.code} is used by documents or groups: deactivate it instead.`,
      });
    await repo.deleteTaxCode(trx, id);
    await writeAudit(trx, ctx, { action: 'tax-code.deleted', entityType: CODE, entityId: id, before: { ...before } });
  });
}

// Fiscal positions

export async function listFiscalPositions(db: Db) {
  const rows = await repo.listFiscalPositions(db);
  const maps = await repo.listPositionMaps(db);
  return {
    items: rows.map((p) => ({
      id: p.id,
      name: p.name,
      kind: p.kind,
      mappings: maps
        .filter((m) => m.position_id === p.id)
        .map((m) => ({ fromTaxCodeId: m.from_tax_code_id, toTaxCodeId: m.to_tax_code_id })),
      version: p.version,
    })),
  };
}

async function getFiscalPosition(db: Db, id: string) {
  const found = (await listFiscalPositions(db)).items.find((p) => p.id === id);
  if (!found) throw errors.notFound('Fiscal position', id);
  return found;
}

async function checkMappings(trx: Tx, mappings: { fromTaxCodeId: string; toTaxCodeId: string }[]) {
  const ids = mappings.flatMap((m) => [m.fromTaxCodeId, m.toTaxCodeId]);
  const codes = new Map((await repo.findTaxCodes(trx, ids)).map((c) => [c.id, c]));
  const seen = new Set<string>();
  mappings.forEach((m, i) => {
    const from = codes.get(m.fromTaxCodeId);
    const to = codes.get(m.toTaxCodeId);
    if (!from) throw invalid(`mappings.${i}.fromTaxCodeId`, `No tax code ${m.fromTaxCodeId}.`);
    if (!to) throw invalid(`mappings.${i}.toTaxCodeId`, `No tax code ${m.toTaxCodeId}.`);
    if (from.kind !== to.kind)
      throw invalid(`mappings.${i}.toTaxCodeId`, `${from.code} is a ${from.kind} tax and ${to.code} a ${to.kind} tax.`);
    if (seen.has(m.fromTaxCodeId)) throw invalid(`mappings.${i}.fromTaxCodeId`, `${from.code} is mapped twice.`);
    seen.add(m.fromTaxCodeId);
  });
  return mappings.map((m) => ({ from: m.fromTaxCodeId, to: m.toTaxCodeId }));
}

export async function createFiscalPosition(
  db: Db,
  ctx: RequestContext,
  input: { name: string; kind: FiscalPositionKind; mappings: { fromTaxCodeId: string; toTaxCodeId: string }[] },
) {
  const id = await inTransaction(db, async (trx) => {
    const maps = await checkMappings(trx, input.mappings);
    const row = await repo.insertFiscalPosition(trx, { name: input.name, kind: input.kind });
    await repo.replacePositionMaps(trx, row.id, maps);
    await writeAudit(trx, ctx, {
      action: 'fiscal-position.created',
      entityType: POSITION,
      entityId: row.id,
      after: { ...input },
    });
    return row.id;
  });
  return getFiscalPosition(db, id);
}

export async function updateFiscalPosition(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: {
    name?: string | undefined;
    kind?: FiscalPositionKind | undefined;
    mappings?: { fromTaxCodeId: string; toTaxCodeId: string }[] | undefined;
    version: number;
  },
) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockFiscalPosition(trx, id);
    if (!before) throw errors.notFound('Fiscal position', id);
    assertVersion('Fiscal position', before, input.version);
    await repo.updateFiscalPosition(trx, id, { name: input.name ?? before.name, kind: input.kind ?? before.kind });
    if (input.mappings) await repo.replacePositionMaps(trx, id, await checkMappings(trx, input.mappings));
    await writeAudit(trx, ctx, {
      action: 'fiscal-position.updated',
      entityType: POSITION,
      entityId: id,
      before: { ...before },
      after: { ...input },
    });
  });
  return getFiscalPosition(db, id);
}

/** Gives a party its fiscal position (null: domestic, no mapping), with the party's version. */
export async function setPartyFiscalPosition(
  db: Db,
  ctx: RequestContext,
  partyId: string,
  input: { fiscalPositionId: string | null; version: number },
) {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('finance.parties')
      .select(['id', 'version', 'fiscal_position_id'])
      .where('id', '=', partyId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw errors.notFound('Party', partyId);
    assertVersion('Party', before, input.version);
    if (input.fiscalPositionId && !(await repo.findFiscalPosition(trx, input.fiscalPositionId)))
      throw invalid('fiscalPositionId', `No fiscal position ${input.fiscalPositionId}.`);
    const after = await repo.setPartyFiscalPosition(trx, partyId, input.fiscalPositionId);
    await writeAudit(trx, ctx, {
      action: 'party.fiscal-position-set',
      entityType: 'finance.party',
      entityId: partyId,
      before: { fiscalPositionId: before.fiscal_position_id },
      after: { fiscalPositionId: input.fiscalPositionId },
    });
    return { partyId, fiscalPositionId: input.fiscalPositionId, version: after!.version };
  });
}

export async function getPartyFiscalPosition(db: Db, partyId: string) {
  const row = await repo.partyFiscalPosition(db, partyId);
  if (!row) throw errors.notFound('Party', partyId);
  return { partyId, fiscalPositionId: row.fiscal_position_id, version: row.version };
}

// Account defaults

export async function listAccountDefaults(db: Db) {
  return {
    items: (await repo.listAccountDefaults(db)).map((d) => ({ accountId: d.account_id, taxCodeId: d.tax_code_id })),
  };
}

/** The code a line on this account gets when it names no code and no free rate (null removes it). */
export async function setAccountDefault(db: Db, ctx: RequestContext, accountId: string, taxCodeId: string | null) {
  await inTransaction(db, async (trx) => {
    const [account] = await findPostingAccounts(trx, [accountId]);
    if (!account) throw errors.notFound('Account', accountId);
    if (taxCodeId && !(await repo.findTaxCode(trx, taxCodeId))) throw invalid('taxCodeId', `No tax code ${taxCodeId}.`);
    await repo.setAccountDefault(trx, accountId, taxCodeId);
    await writeAudit(trx, ctx, {
      action: 'account.tax-default-set',
      entityType: 'finance.account',
      entityId: accountId,
      after: { taxCodeId },
    });
  });
  return listAccountDefaults(db);
}
