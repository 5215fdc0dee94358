import { z } from '@hono/zod-openapi';
import { sql, type SelectQueryBuilder } from 'kysely';
import { errors } from '../errors/app-error.js';

export const MAX_PAGE_SIZE = 200;

/** Query parameters of every list endpoint: `limit`, `cursor`, `sort` (whitelisted), `q`. */
export function listQuery<const S extends readonly [string, ...string[]]>(
  sortable: S,
  defaultSort: S[number] | `-${S[number]}`,
) {
  const sortValues = sortable.flatMap((s) => [s, `-${s}`]) as [string, ...string[]];
  return z.object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50).openapi({ description: 'Page size (1–200)' }),
    cursor: z.string().max(512).optional().openapi({ description: 'The `nextCursor` of the previous page' }),
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
  s: string;
  v: CursorValue;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string, sort: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    if (typeof parsed.id !== 'string' || !('v' in parsed)) throw new Error('shape');
    if (parsed.s !== sort)
      throw errors.badRequest('The cursor belongs to a different sort order; start again without it.');
    return parsed;
  } catch (error) {
    if (error instanceof Error && error.name === 'AppError') throw error;
    throw errors.badRequest('The cursor is not valid; use the nextCursor of the previous page.');
  }
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
  if (request.cursor) {
    const cursor = decodeCursor(request.cursor, request.sort);
    const op = descending ? sql`<` : sql`>`;
    q = q.where(sql<boolean>`(${sql.ref(column)}, ${sql.ref(columns.id)}) ${op} (${cursor.v}, ${cursor.id})`);
  }
  const rows = await q.limit(request.limit + 1).execute();
  const items = rows.slice(0, request.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > request.limit && last
      ? encodeCursor({ s: request.sort, v: cursorValue(last[key as keyof O]), id: String(last[columns.idKey]) })
      : null;
  return { items, nextCursor };
}

function cursorValue(value: unknown): CursorValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}
