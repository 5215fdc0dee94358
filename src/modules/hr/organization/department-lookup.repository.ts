import type { Db } from '../../../platform/db/database.js';

/**
 * For other modules (Finance's document lines): which of `refs` name an HR department, by its code
 * or its name (exact). Departments are never archived in HR (they are deleted), so a department
 * that exists is in use.
 */
export async function departmentsExist(db: Db, refs: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(refs)];
  if (wanted.length === 0) return new Set();
  const rows = await db
    .selectFrom('hr.departments')
    .select(['code', 'name'])
    .where((eb) => eb.or([eb('code', 'in', wanted), eb('name', 'in', wanted)]))
    .execute();
  const found = new Set<string>();
  for (const row of rows) {
    if (row.code !== null) found.add(row.code);
    found.add(row.name);
  }
  return new Set(wanted.filter((ref) => found.has(ref)));
}
