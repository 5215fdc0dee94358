import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import type { FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import {
  abortOnErrors,
  importReport,
  byRow,
  cellList,
  importCounts,
  importOptions,
  readImportCsv,
  rowErrors,
  rowPath,
  type CsvRow,
} from '../crm.import.js';
import { scopeOf, visibleTo } from '../visibility.js';
import { CreateContactBody, type CreateContactInput } from './contacts.schemas.js';
import { insertContact } from './contacts.service.js';

export { IMPORT_MAX_ROWS } from '../crm.import.js';

export const ImportContactsBody = z
  .strictObject({
    csv: z.string().min(1).openapi({
      description:
        'CSV with a header row: first_name,last_name[,emails,phones,title,organization_id,tags,marketing_opted_in,marketing_consent_source]; lists separated by ";"',
    }),
    ...importOptions,
  })
  .openapi('ImportContactsRequest');

export const ImportResult = z
  .object({
    ...importCounts,
    duplicates: z.array(z.object({ row: z.number().int(), email: z.string(), existingId: z.string().nullable() })),
  })
  .openapi('ImportContactsResult');

const COLUMNS = [
  'first_name',
  'last_name',
  'emails',
  'phones',
  'title',
  'organization_id',
  'tags',
  'marketing_opted_in',
  'marketing_consent_source',
];
const IGNORED = ['id', 'owner_id', 'marketing_consent_at', 'created_at'];

function toInput({ get }: CsvRow): Record<string, unknown> {
  const optedIn = get('marketing_opted_in')?.trim().toLowerCase();
  return {
    firstName: get('first_name'),
    lastName: get('last_name'),
    emails: cellList(get('emails')),
    phones: cellList(get('phones')),
    title: get('title') || undefined,
    organizationId: get('organization_id') || undefined,
    tags: cellList(get('tags')),
    marketing:
      optedIn === undefined || optedIn === ''
        ? undefined
        : {
            optedIn: ['true', 'yes', '1'].includes(optedIn),
            source: get('marketing_consent_source') || 'import',
          },
  };
}

/** For each email, the oldest contact having it (any owner: duplicates are global). One query. */
async function existingByEmail(db: Db, emails: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (emails.length === 0) return found;
  const rows = await db
    .selectFrom('crm.contacts')
    .select(['id', 'emails'])
    .where(sql<boolean>`emails && ${sql.val(emails)}::text[]`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const r of rows) for (const e of r.emails) if (!found.has(e)) found.set(e, r.id);
  return found;
}

/** Which of these organization ids the importer can see. One query. */
async function visibleOrganizations(db: Db, ctx: RequestContext, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('crm.organizations as o')
    .select('o.id')
    .where(sql<boolean>`o.id = any(${sql.val(ids)}::uuid[])`)
    .where(visibleTo(scopeOf(ctx), 'o.owner_id'))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The contacts CSV's columns (the synchronous import and the background one, crm.imports.job.ts). */
export const CONTACTS_IMPORT_SPEC = { columns: COLUMNS, ignored: IGNORED, required: ['first_name', 'last_name'] };

/**
 * Checks every row: the contacts to create, the row errors and the duplicates (in MOMS or earlier in
 * the file). `seen` holds the emails of the file's earlier accepted rows: a background import checks
 * the file a chunk at a time and carries it from chunk to chunk (it is added to).
 */
export async function checkContactRows(db: Db, ctx: RequestContext, rows: CsvRow[], seen = new Set<string>()) {
  const problems: FieldError[] = [];
  const parsed: { row: number; contact: CreateContactInput }[] = [];
  for (const r of rows) {
    const result = CreateContactBody.safeParse(toInput(r));
    if (result.success) parsed.push({ row: r.row, contact: result.data });
    else problems.push(...rowErrors(r.row, result.error));
  }
  const existing = await existingByEmail(db, [...new Set(parsed.flatMap((p) => p.contact.emails ?? []))]);
  const organizations = await visibleOrganizations(db, ctx, [
    ...new Set(parsed.flatMap((p) => (p.contact.organizationId ? [p.contact.organizationId] : []))),
  ]);
  const duplicates: { row: number; email: string; existingId: string | null }[] = [];
  const accepted: typeof parsed = [];
  for (const p of parsed) {
    const orgId = p.contact.organizationId;
    if (orgId && !organizations.has(orgId)) {
      problems.push({
        path: rowPath(p.row, 'organizationId'),
        message: `No organization ${orgId} that you can see.`,
        code: 'invalid_reference',
      });
      continue;
    }
    const emails = p.contact.emails ?? [];
    const inFile = emails.find((e) => seen.has(e));
    const taken = inFile ? undefined : emails.find((e) => existing.has(e));
    if (inFile || taken) {
      duplicates.push({ row: p.row, email: (inFile ?? taken)!, existingId: taken ? existing.get(taken)! : null });
      continue;
    }
    emails.forEach((e) => seen.add(e));
    accepted.push(p);
  }
  return { problems: byRow(problems), duplicates, accepted };
}

/**
 * Imports contacts from CSV, owned by the importer (rules in crm.import.ts): a dry run checks and
 * reports; a real run writes the good rows in one transaction (checked again inside it) and reports
 * the skipped ones — or, with `onError: 'abort'`, writes nothing when a row has an error.
 */
export async function importContacts(db: Db, ctx: RequestContext, input: z.output<typeof ImportContactsBody>) {
  const rows = readImportCsv(input.csv, CONTACTS_IMPORT_SPEC);
  const report = (checked: Awaited<ReturnType<typeof checkContactRows>>) =>
    importReport(input.dryRun, rows.length, checked);
  if (input.dryRun) return report(await checkContactRows(db, ctx, rows));
  return inTransaction(db, async (trx) => {
    const checked = await checkContactRows(trx, ctx, rows);
    abortOnErrors(checked.problems, input.onError);
    await writeContactRows(trx, ctx, checked.accepted);
    return report(checked);
  });
}

/** Creates the accepted contacts, owned by the importer (inside the caller's transaction). */
export async function writeContactRows(
  trx: Tx,
  ctx: RequestContext,
  accepted: readonly { row: number; contact: CreateContactInput }[],
) {
  for (const { row, contact } of accepted)
    await insertContact(trx, ctx, contact, { allowDuplicate: true, pathPrefix: `rows.${row}.` });
}
