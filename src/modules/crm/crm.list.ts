import { z } from '@hono/zod-openapi';
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { errors } from '../../platform/errors/app-error.js';
import { listQuery, paginate } from '../../platform/http/pagination.js';

/**
 * CRM lists: `q` search over GIN-indexed tsvectors, relevance ordering, keyset pagination.
 *
 * A record matches when every word of `q` is a prefix of one of its words ("mar gre" finds Mario
 * Green); punctuation splits words on both sides (crm.search_document / crm.search_query in the
 * 2026-11-25T1530 migration). Relevance: 1 if every word also matches whole, plus ts_rank with
 * names weighted above emails above the rest, shorter records first; rounded so it pages exactly.
 */

/** Where a record's words are: its stored `search_vector`, or an indexed expression. */
export type SearchVector = RawBuilder<unknown>;

/** `ref`'s stored search vector. */
export const searchVector = (column: string): SearchVector => sql`${sql.ref(column)}`;

/** Every word of `q` is a prefix of a word of the record (the GIN index answers this). */
export function matchesAll(vector: SearchVector, q: string): Expression<SqlBool> {
  return sql<SqlBool>`${vector} @@ crm.search_query(${q}, true)`;
}

/** How well `q` matches, as a numeric string (0–2, 6 decimals): whole-word match first, then rank. */
export function relevance(vector: SearchVector, q: string): RawBuilder<string> {
  return sql<string>`round((
    (${vector} @@ crm.search_query(${q}, false))::int + ts_rank(${vector}, crm.search_query(${q}, true), 1)
  )::numeric, 6)`;
}

/**
 * The list query parameters of a CRM list: the platform's, with `sort` also taking `relevance`
 * (best match first, needs `q`), which is the default when `q` is given.
 */
export function crmListQuery<const S extends readonly [string, ...string[]]>(
  sortable: S,
  defaultSort: S[number] | `-${S[number]}`,
) {
  const values: [string, ...string[]] = ['relevance', ...sortable.flatMap((s) => [s, `-${s}`])];
  return listQuery(sortable, defaultSort).extend({
    sort: z
      .enum(values)
      .optional()
      .openapi({
        description:
          `One of ${sortable.join(', ')} (prefix with - for descending), or relevance (best match first; needs q). ` +
          `Default: relevance when q is given, else ${defaultSort}.`,
      }),
  });
}

export interface CrmListRequest {
  limit: number;
  cursor?: string | undefined;
  sort?: string | undefined;
  q?: string | undefined;
}

/** How a list orders: its whitelisted sort columns, default sort, id column and search vector. */
export interface CrmOrder {
  sort: Record<string, string>;
  defaultSort: string;
  id: string;
  search: SearchVector;
}

/**
 * One page of `base` (already filtered): by relevance to `q` when that is the sort, else by the
 * whitelisted column. Both are keyset pages over (sort value, id); relevance pages by its rounded
 * value, computed in a subquery so it can be compared to the cursor.
 */
export async function crmPage<DB, TB extends keyof DB, O extends { id: string }>(
  db: Db,
  base: SelectQueryBuilder<DB, TB, O>,
  request: CrmListRequest,
  options: CrmOrder,
): Promise<{ items: O[]; nextCursor: string | null }> {
  const sort = request.sort ?? (request.q ? 'relevance' : options.defaultSort);
  const page = { limit: request.limit, cursor: request.cursor };
  if (sort !== 'relevance')
    return paginate(base, { ...page, sort }, { sort: options.sort, id: options.id, idKey: 'id' });
  if (!request.q) throw errors.validation([{ path: 'sort', message: 'Sorting by relevance needs q.', code: 'custom' }]);
  // Kysely cannot carry the generic row type through the subquery: the outer rows are `base`'s plus relevance.
  const ranked = db
    .selectFrom(base.select(relevance(options.search, request.q).as('relevance')).as('r'))
    .selectAll('r') as unknown as SelectQueryBuilder<DB, TB, O & { relevance: string }>;
  return paginate(
    ranked,
    { ...page, sort: '-relevance' },
    { sort: { relevance: 'r.relevance' }, id: 'r.id', idKey: 'id' },
  );
}

/** Rows per page of a CSV export (each page is one keyset query). */
export const CRM_EXPORT_PAGE = 1_000;

/**
 * The rows of `base` (already filtered) in the list's order for `sort` (any value the list takes,
 * relevance included), for the CSV exports: page after page on the list's own keyset cursor, so an
 * export of any size reads in bounded memory (the synchronous route stops at its byte limit, the
 * background export streams everything to the file store). Without `sort`, the list's default sort
 * even when `q` is given (an export's order without `sort` has always been fixed).
 */
export async function* crmExport<DB, TB extends keyof DB, O extends { id: string }>(
  db: Db,
  base: SelectQueryBuilder<DB, TB, O>,
  request: { sort?: string | undefined; q?: string | undefined },
  options: CrmOrder,
  pageSize = CRM_EXPORT_PAGE,
): AsyncGenerator<O[]> {
  const sort = request.sort ?? options.defaultSort;
  let cursor: string | undefined;
  do {
    const page = await crmPage(db, base, { limit: pageSize, cursor, sort, q: request.q }, options);
    if (page.items.length > 0) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
