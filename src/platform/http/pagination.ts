import { createHash } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { sql, type SelectQueryBuilder } from 'kysely';
import { errors } from '../errors/app-error.js';
import { openCursor, sealCursor } from './cursor.js';

export const MAX_PAGE_SIZE = 200;

/** Query parameters of every list endpoint: `limit`, `cursor`, `sort` (whitelisted), `q`. */
export function listQuery<const S extends readonly [string, ...string[]]>(
  sortable: S,
  defaultSort: S[number] | `-${S[number]}`,
) {
  const sortValues = sortable.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  return z.object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ description: 'Page size (1–200)' }),
    // Room for a signed cursor whose sort value is a 200-character name in any script.
    cursor: z.string().max(2048).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
    sort: z
      .enum(sortValues)
      .default(defaultSort)
      .openapi({ description: `One of ${sortable.join(', ')}; prefix with - for descending` }),
    q: z.string().trim().max(200).optional().openapi({ description: 'Free-text search' }),
  });
}

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

type CursorValue = string | number | null;
interface Cursor {
  /** The sort it was made for (`-date`). */
  s: string;
  /** The last row's sort value and id. */
  v: CursorValue;
  id: string;
  /** Which list: a fingerprint of the sort and id columns. */
  l: string;
}

const listFingerprint = (column: string, idColumn: string) =>
  createHash('sha256').update(`${column}|${idColumn}`).digest('base64url').slice(0, 8);

/** Opens a signed cursor (`cursor.ts`) and checks it was made for this list and this sort. */
async function decodeCursor(raw: string, sort: string, list: string): Promise<Cursor> {
  const c = await openCursor(raw);
  const value = c.v;
  const valid =
    typeof c.s === 'string' &&
    typeof c.id === 'string' &&
    typeof c.l === 'string' &&
    (value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)));
  if (!valid) throw errors.badRequest('The cursor is not valid; use the nextCursor of the previous page.');
  if (c.s !== sort) throw errors.badRequest('The cursor belongs to a different sort order; start again without it.');
  if (c.l !== list) throw errors.badRequest('The cursor belongs to a different list; start again without it.');
  return c as unknown as Cursor;
}

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
  sort: string;
}

/**
 * Keyset pagination over a whitelisted column, tie-broken by the id column: stable under inserts,
 * and as fast on page 1,000 as on page 1. `columns` maps each public sort key to its SQL column.
 */
export async function paginate<DB, TB extends keyof DB, O extends Record<string, unknown>>(
  query: SelectQueryBuilder<DB, TB, O>,
  request: PageRequest,
  columns: { sort: Record<string, string>; id: string; idKey: keyof O & string },
): Promise<{ items: O[]; nextCursor: string | null }> {
  const descending = request.sort.startsWith('-');
  const key = descending ? request.sort.slice(1) : request.sort;
  const column = columns.sort[key];
  if (!column) throw errors.badRequest(`Cannot sort by "${key}".`);
  const direction = descending ? sql`desc` : sql`asc`;
  let q = query.orderBy(sql`${sql.ref(column)} ${direction}`).orderBy(sql`${sql.ref(columns.id)} ${direction}`);
  const list = listFingerprint(column, columns.id);
  if (request.cursor) {
    const cursor = await decodeCursor(request.cursor, request.sort, list);
    const op = descending ? sql`<` : sql`>`;
    q = q.where(sql<boolean>`(${sql.ref(column)}, ${sql.ref(columns.id)}) ${op} (${cursor.v}, ${cursor.id})`);
  }
  const rows = await q.limit(request.limit + 1).execute();
  const items = rows.slice(0, request.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > request.limit && last
      ? await sealCursor({
          s: request.sort,
          v: cursorValue(last[key as keyof O]),
          id: String(last[columns.idKey]),
          l: list,
        } satisfies Cursor)
      : null;
  return { items, nextCursor };
}

function cursorValue(value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}
