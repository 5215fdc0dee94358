import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { scopeOf } from '../access.js';
import * as repo from './checklist.repository.js';
import { MAX_CHECKLIST_ITEMS } from './tasks.schemas.js';
import { TASK_ENTITY, lockForWork, toChecklistDto } from './tasks.service.js';

/*
 * A task's checklist, item by item. Every change locks the task row first (so concurrent adds, removals
 * and reorders of one checklist queue up and positions stay 0..n-1) and checks the caller works in the
 * project; changing or removing an item checks that item's version.
 */

async function itemOrNotFound(trx: Tx, taskId: string, itemId: string) {
  const item = await repo.findItem(trx, taskId, itemId);
  if (!item) throw errors.notFound('Checklist item', itemId);
  return item;
}

async function audit(trx: Tx, ctx: RequestContext, taskId: string, action: string, before?: object, after?: object) {
  await writeAudit(trx, ctx, {
    action,
    entityType: TASK_ENTITY,
    entityId: taskId,
    ...(before ? { before: { ...before } } : {}),
    ...(after ? { after: { ...after } } : {}),
  });
}

export async function addItem(db: Db, ctx: RequestContext, taskId: string, input: { text: string; position?: number }) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await lockForWork(trx, scope, taskId);
    const count = await repo.countItems(trx, taskId);
    if (count >= MAX_CHECKLIST_ITEMS)
      throw errors.validation([{ path: 'text', message: `A checklist holds at most ${MAX_CHECKLIST_ITEMS} items.` }]);
    const position = Math.min(input.position ?? count, count);
    const item = await repo.insertItem(trx, taskId, input.text, position);
    await audit(trx, ctx, taskId, 'task.checklist-item-added', undefined, { checklist_item: item.text });
    return toChecklistDto([item])[0]!;
  });
}

export async function updateItem(
  db: Db,
  ctx: RequestContext,
  taskId: string,
  itemId: string,
  input: { version: number; text?: string; done?: boolean },
) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await lockForWork(trx, scope, taskId);
    const before = await itemOrNotFound(trx, taskId, itemId);
    assertVersion('Checklist item', before, input.version);
    const after = await repo.updateItem(trx, itemId, {
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.done !== undefined ? { done: input.done } : {}),
    });
    const action =
      input.done !== undefined && input.done !== before.done
        ? input.done
          ? 'task.checklist-item-done'
          : 'task.checklist-item-reopened'
        : 'task.checklist-item-changed';
    await audit(
      trx,
      ctx,
      taskId,
      action,
      { checklist_item: before.text, checklist_item_done: before.done },
      { checklist_item: after.text, checklist_item_done: after.done },
    );
    return toChecklistDto([after])[0]!;
  });
}

export async function deleteItem(db: Db, ctx: RequestContext, taskId: string, itemId: string, version: number) {
  const scope = scopeOf(ctx);
  await inTransaction(db, async (trx) => {
    await lockForWork(trx, scope, taskId);
    const before = await itemOrNotFound(trx, taskId, itemId);
    assertVersion('Checklist item', before, version);
    await repo.deleteItem(trx, taskId, itemId, before.position);
    await audit(trx, ctx, taskId, 'task.checklist-item-removed', { checklist_item: before.text });
  });
}

/** Puts the items in the given order; the ids must be exactly the task's items (409 if it changed meanwhile). */
export async function reorder(db: Db, ctx: RequestContext, taskId: string, itemIds: readonly string[]) {
  const scope = scopeOf(ctx);
  return inTransaction(db, async (trx) => {
    await lockForWork(trx, scope, taskId);
    const current = (await repo.itemsOf(trx, [taskId])).get(taskId) ?? [];
    const known = new Set(current.map((i) => i.id));
    const sent = new Set(itemIds.map((i) => i.toLowerCase()));
    if (sent.size !== itemIds.length)
      throw errors.validation([{ path: 'itemIds', message: 'An item is listed twice.' }]);
    if (sent.size !== known.size || [...sent].some((id) => !known.has(id)))
      throw errors.conflict(
        'The checklist has changed since you read it (items were added or removed). Reload it and reorder again.',
        { currentItemIds: current.map((i) => i.id) },
      );
    await repo.setOrder(trx, taskId, [...sent]);
    const after = (await repo.itemsOf(trx, [taskId])).get(taskId) ?? [];
    await audit(
      trx,
      ctx,
      taskId,
      'task.checklist-reordered',
      { checklist: current.map((i) => i.text) },
      { checklist: after.map((i) => i.text) },
    );
    return { items: toChecklistDto(after) };
  });
}
