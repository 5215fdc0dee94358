import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { toCard } from './employees.mappers.js';
import { cardsByIds } from './employees.repository.js';
import type { OrgNodeDto } from './employees.schemas.js';

/**
 * The reporting tree below the given employees (directory fields only, so anyone with hr:read may
 * see it): active reports, nested, down to `depth` levels below the tops.
 */
async function chart(db: Db, tops: string[], depth: number): Promise<OrgNodeDto[]> {
  if (tops.length === 0) return [];
  const levels = await sql<{ id: string; depth: number }>`
    with recursive t(id, depth) as (
      select id, 0 from hr.employees where id in (${sql.join(tops)})
      union all
      select e.id, t.depth + 1 from hr.employees e join t on e.manager_id = t.id
      where e.status = 'active' and t.depth < ${depth}
    )
    select id, depth from t`.execute(db);
  const ids = levels.rows.map((r) => r.id);
  const counts = await db
    .selectFrom('hr.employees')
    .select(['manager_id', sql<number>`count(*)::int`.as('n')])
    .where('manager_id', 'in', ids)
    .where('status', '=', 'active')
    .groupBy('manager_id')
    .execute();
  const countOf = new Map(counts.map((c) => [c.manager_id!, Number(c.n)]));
  const nodes = new Map<string, OrgNodeDto>();
  for (const row of await cardsByIds(db, ids)) {
    const { access: _a, ...card } = toCard(row);
    nodes.set(row.id, { ...card, directReports: countOf.get(row.id) ?? 0, reports: [] });
  }
  for (const node of nodes.values()) {
    const parent = node.managerId ? nodes.get(node.managerId) : undefined;
    if (parent && !tops.includes(node.id)) parent.reports.push(node);
  }
  return tops.flatMap((id) => nodes.get(id) ?? []);
}

export async function orgChartOf(db: Db, id: string, depth: number) {
  const exists = await db.selectFrom('hr.employees').select('id').where('id', '=', id).executeTakeFirst();
  if (!exists) throw errors.notFound('Employee', id);
  return { items: await chart(db, [id], depth) };
}

/** The tops of the organization: active employees without a manager, with their trees. */
export async function orgChartRoots(db: Db, depth: number) {
  const roots = await db
    .selectFrom('hr.employees')
    .select('id')
    .where('manager_id', 'is', null)
    .where('status', '=', 'active')
    .orderBy('last_name')
    .orderBy('first_name')
    .orderBy('id')
    .execute();
  return {
    items: await chart(
      db,
      roots.map((r) => r.id),
      depth,
    ),
  };
}
