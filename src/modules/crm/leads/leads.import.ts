import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import type { FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { byRow, rowErrors, rowPath, type CsvRow } from '../crm.import.js';
import { CreateLeadBody, type CreateLeadInput } from './leads.schemas.js';
import { createLead } from './leads.service.js';

const COLUMNS = ['name', 'email', 'company', 'source', 'status', 'disqualified_reason', 'score'];
const IGNORED = ['id', 'owner_id', 'owner_name', 'converted_at', 'created_at', 'updated_at'];

/** The leads CSV's columns (the background import, crm.imports.job.ts). */
export const LEADS_IMPORT_SPEC = { columns: COLUMNS, ignored: IGNORED, required: ['name'] };

function toInput({ get }: CsvRow): Record<string, unknown> {
  const text = (column: string) => get(column)?.trim() || undefined;
  const score = text('score');
  return {
    name: get('name'),
    email: text('email'),
    company: text('company'),
    source: text('source'),
    status: text('status')?.toLowerCase(),
    disqualifiedReason: text('disqualified_reason'),
    // A number when it reads as one; anything else fails the schema's check on that row.
    score: score === undefined ? undefined : /^\d+$/.test(score) ? Number(score) : score,
  };
}

/** For each email, the oldest lead having it (any owner: duplicates are global). One query. */
async function existingByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (emails.length === 0) return found;
  const rows = await db
    .selectFrom('crm.leads')
    .select(['id', 'email'])
    .where(sql<boolean>`email = any(${sql.val(emails)}::text[])`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) if (r.email && !found.has(r.email)) found.set(r.email, r.id);
  return found;
}

/**
 * Checks every row, as the contacts import does (crm.import.ts): field errors (a disqualified lead
 * needs its reason), and duplicates by email (a lead in MOMS, any owner, or earlier in the file).
 * `seen` holds the emails of the file's earlier accepted rows (carried from chunk to chunk; added to).
 * Leads are owned by the importer.
 */
export async function checkLeadRows(db: Db, _ctx: RequestContext, rows: CsvRow[], seen = new Set<string>()) {
  const problems: FieldError[] = [];
  const parsed: { row: number; lead: CreateLeadInput }[] = [];
  for (const r of rows) {
    const result = CreateLeadBody.safeParse(toInput(r));
    if (!result.success) problems.push(...rowErrors(r.row, result.error));
    else if (result.data.status === 'disqualified' && !result.data.disqualifiedReason)
      problems.push({
        path: rowPath(r.row, 'disqualifiedReason'),
        message: 'A disqualified lead says why.',
        code: 'required',
      });
    else parsed.push({ row: r.row, lead: result.data });
  }
  const existing = await existingByEmail(db, [...new Set(parsed.flatMap((p) => (p.lead.email ? [p.lead.email] : [])))]);
  const duplicates: { row: number; email: string; existingId: string | null }[] = [];
  const accepted: typeof parsed = [];
  for (const p of parsed) {
    const email = p.lead.email;
    if (email && (seen.has(email) || existing.has(email))) {
      duplicates.push({ row: p.row, email, existingId: seen.has(email) ? null : existing.get(email)! });
      continue;
    }
    if (email) seen.add(email);
    accepted.push(p);
  }
  return { problems: byRow(problems), duplicates, accepted };
}

/** Creates the accepted leads, owned by the importer (inside the caller's transaction). */
export async function writeLeadRows(
  trx: Tx,
  ctx: RequestContext,
  accepted: readonly { row: number; lead: CreateLeadInput }[],
) {
  for (const { lead } of accepted) await createLead(trx, ctx, lead);
}
