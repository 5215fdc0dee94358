import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { assertPostable } from '../documents/documents.rules.js';
import { assertManualAccounts } from '../ledger/account-rules.js';
import type { CreateRuleInput } from './banking.schemas.js';
import type { MatchRule } from './matching.js';
import * as repo from './rules.repository.js';

const ENTITY = 'finance.bank-rule';

const toRuleDto = (r: repo.RuleRow) => ({
  id: r.id,
  bankAccountId: r.bank_account_id,
  name: r.name,
  priority: r.priority,
  field: r.field,
  pattern: r.pattern,
  direction: r.direction,
  partyId: r.party_id,
  accountId: r.account_id,
  active: r.active,
  version: r.version,
});

export async function listRules(db: Db) {
  const rows = await repo.listRules(db);
  return { items: rows.map(toRuleDto) };
}

/** The active rules for a bank account (its own and the general ones), by priority, with account codes. */
export async function rulesFor(db: Db, bankAccountId: string): Promise<MatchRule[]> {
  const rows = await repo.activeRulesFor(db, bankAccountId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    field: r.field,
    pattern: r.pattern,
    direction: r.direction,
    partyId: r.party_id,
    accountId: r.account_id,
    accountCode: r.code,
  }));
}

async function checkRefs(db: Db, input: CreateRuleInput) {
  if (input.accountId) {
    await assertPostable(db, [{ id: input.accountId, path: 'accountId' }]);
    await assertManualAccounts(db, [{ id: input.accountId, path: 'accountId' }]);
  }
  if (input.partyId) {
    const party = await repo.partyExists(db, input.partyId);
    if (!party) throw errors.invalidReference('partyId', 'Party', input.partyId);
  }
  if (input.bankAccountId) {
    const bank = await repo.bankAccountExists(db, input.bankAccountId);
    if (!bank) throw errors.invalidReference('bankAccountId', 'Bank account', input.bankAccountId);
  }
}

const values = (input: CreateRuleInput) => ({
  bank_account_id: input.bankAccountId,
  name: input.name,
  priority: input.priority,
  field: input.field,
  pattern: input.pattern,
  direction: input.direction,
  party_id: input.partyId,
  account_id: input.accountId,
  active: input.active,
});

export async function createRule(db: Db, ctx: RequestContext, input: CreateRuleInput) {
  return inTransaction(db, async (trx) => {
    await checkRefs(trx, input);
    const row = await repo.insertRule(trx, values(input));
    await writeAudit(trx, ctx, { action: 'bank-rule.created', entityType: ENTITY, entityId: row.id, after: input });
    return toRuleDto(row);
  });
}

export async function updateRule(
  db: Db,
  ctx: RequestContext,
  id: string,
  input: CreateRuleInput & { version: number },
) {
  return inTransaction(db, async (trx) => {
    const before = await repo.lockRule(trx, id);
    if (!before) throw errors.notFound('Matching rule', id);
    assertVersion('Matching rule', before, input.version);
    await checkRefs(trx, input);
    const row = await repo.updateRule(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'bank-rule.updated',
      entityType: ENTITY,
      entityId: id,
      before: toRuleDto(before),
      after: input,
    });
    return toRuleDto(row);
  });
}

export async function deleteRule(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.lockRule(trx, id);
    if (!before) throw errors.notFound('Matching rule', id);
    assertVersion('Matching rule', before, version);
    await repo.deleteRule(trx, id);
    await writeAudit(trx, ctx, {
      action: 'bank-rule.deleted',
      entityType: ENTITY,
      entityId: id,
      before: toRuleDto(before),
    });
  });
}
