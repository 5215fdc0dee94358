import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { hasBudgetLines } from '../budgets/budgets.repository.js';
import { financeErrors } from '../finance.errors.js';
import type { AccountType } from '../finance.tables.js';
import * as repo from './accounts.repository.js';
import type { AccountDto } from './accounts.schemas.js';
import { ensureLedger } from './chart.js';
import { accountHasLines } from './journal.repository.js';

const ENTITY = 'finance.account';

async function rolesByAccount(db: Db): Promise<Map<string, string[]>> {
  const rows = await repo.listAccountRoles(db);
  const map = new Map<string, string[]>();
  for (const r of rows) map.set(r.account_id, [...(map.get(r.account_id) ?? []), r.role]);
  return map;
}

function toDto(row: repo.AccountRow, roles: string[]): AccountDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    type: row.type,
    parentId: row.parent_id,
    isGroup: row.is_group,
    active: row.active,
    description: row.description,
    roles,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** The chart of accounts (created with defaults on first use), in code order. */
export async function listAccounts(db: Db, filter: repo.AccountFilter) {
  await ensureLedger(db);
  const [rows, roles] = await Promise.all([repo.listAccounts(db, filter), rolesByAccount(db)]);
  return { items: rows.map((r) => toDto(r, roles.get(r.id) ?? [])) };
}

export async function getAccount(db: Db, id: string) {
  await ensureLedger(db);
  const row = await repo.findAccount(db, id);
  if (!row) throw errors.notFound('Account', id);
  return toDto(row, (await rolesByAccount(db)).get(id) ?? []);
}

/** A parent is a group account of the same type, and never the account itself or one of its children. */
async function checkParent(trx: Db, parentId: string, type: AccountType, selfId?: string) {
  const parent = await repo.findAccount(trx, parentId);
  if (!parent) throw financeErrors.invalidParent(`No account ${parentId}.`);
  if (!parent.is_group) throw financeErrors.invalidParent(`Account ${parent.code} is not a group account.`);
  if (parent.type !== type)
    throw financeErrors.invalidParent(`A ${type} account cannot sit under a ${parent.type} group.`);
  for (let cursor: string | null = parent.id; cursor;) {
    if (cursor === selfId)
      throw financeErrors.invalidParent('An account cannot sit under itself or one of its own sub-accounts.');
    const next = await repo.findParentId(trx, cursor);
    cursor = next?.parent_id ?? null;
  }
}

async function assertCodeFree(trx: Db, code: string, exceptId?: string) {
  if (await repo.findAccountWithCode(trx, code, exceptId)) throw financeErrors.accountCodeTaken(code);
}

export async function createAccount(
  db: Db,
  ctx: RequestContext,
  input: {
    code: string;
    name: string;
    type: AccountType;
    parentId?: string | undefined;
    isGroup: boolean;
    description: string;
  },
) {
  return inTransaction(db, async (trx) => {
    await ensureLedger(trx);
    await assertCodeFree(trx, input.code);
    if (input.parentId) await checkParent(trx, input.parentId, input.type);
    const row = await repo.insertAccount(trx, {
      code: input.code,
      name: input.name,
      type: input.type,
      parent_id: input.parentId ?? null,
      is_group: input.isGroup,
      description: input.description,
    });
    await writeAudit(trx, ctx, { action: 'account.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
    return toDto(row, []);
  });
}

async function lockAccount(trx: Db, id: string) {
  const row = await repo.findAccount(trx, id, { forUpdate: true });
  if (!row) throw errors.notFound('Account', id);
  return row;
}

export async function updateAccount(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    code?: string | undefined;
    name?: string | undefined;
    parentId?: string | null | undefined;
    description?: string | undefined;
  },
) {
  return inTransaction(db, async (trx) => {
    const before = await lockAccount(trx, id);
    assertVersion('Account', before, input.version);
    if (input.code && input.code !== before.code) await assertCodeFree(trx, input.code, id);
    if (input.parentId) await checkParent(trx, input.parentId, before.type, id);
    const after = await repo.updateAccount(trx, id, {
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    });
    await writeAudit(trx, ctx, {
      action: 'account.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toDto(after, (await rolesByAccount(trx)).get(id) ?? []);
  });
}

export async function setAccountActive(db: Db, ctx: RequestContext, id: string, active: boolean, version: number) {
  return inTransaction(db, async (trx) => {
    const before = await lockAccount(trx, id);
    assertVersion('Account', before, version);
    if (!active) {
      const role = await repo.findRoleOf(trx, id);
      if (role) throw financeErrors.accountInUse(before.code, `is the ${role.role} account`);
    }
    const after = await repo.updateAccount(trx, id, { active });
    await writeAudit(trx, ctx, {
      action: active ? 'account.activated' : 'account.deactivated',
      entityType: ENTITY,
      entityId: id,
      before: { active: before.active },
      after: { active },
    });
    return toDto(after, (await rolesByAccount(trx)).get(id) ?? []);
  });
}

/** Only an account that nothing refers to can be deleted; otherwise it is deactivated. */
export async function deleteAccount(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const before = await lockAccount(trx, id);
    if (await accountHasLines(trx, id)) throw financeErrors.accountInUse(before.code, 'has journal lines');
    if (await repo.findChildOf(trx, id)) throw financeErrors.accountInUse(before.code, 'has sub-accounts');
    if (await repo.findRoleOf(trx, id)) throw financeErrors.accountInUse(before.code, 'has a system role');
    if (await hasBudgetLines(trx, id)) throw financeErrors.accountInUse(before.code, 'has budget lines');
    await repo.deleteAccount(trx, id);
    await writeAudit(trx, ctx, { action: 'account.deleted', entityType: ENTITY, entityId: id, before: { ...before } });
  });
}
