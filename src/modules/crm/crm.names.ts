import type { Db } from '../../platform/db/database.js';
import { userDisplayNames } from '../auth/index.js';

/**
 * Owner names for a response: one `userDisplayNames` call (the auth module's public function) for
 * all the records of the response, never one per row. A user unknown to auth gives null.
 *
 * Each item gets its `ownerName` in place (the items are the caller's fresh DTOs): the same objects a
 * spread would make, without copying every field of every row once more (issue #19).
 */
export async function withOwnerNames<T extends { ownerId: string }>(
  db: Db,
  items: T[],
): Promise<(T & { ownerName: string | null })[]> {
  const names = await userDisplayNames(
    db,
    items.map((i) => i.ownerId),
  );
  const named = items as (T & { ownerName: string | null })[];
  for (const item of named) item.ownerName = names.get(item.ownerId) ?? null;
  return named;
}

export async function withOwnerName<T extends { ownerId: string }>(db: Db, item: T) {
  return (await withOwnerNames(db, [item]))[0]!;
}

/** The display names of these user ids (nulls skipped), for fields other than the owner. */
export function displayNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return userDisplayNames(
    db,
    ids.filter((id): id is string => id !== null),
  );
}
