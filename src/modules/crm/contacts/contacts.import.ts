import { z } from '@hono/zod-openapi';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors, type FieldError } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { fieldErrors } from '../../../platform/http/problem.js';
import { findByEmails } from './contacts.repository.js';
import { CreateContactBody, type CreateContactInput } from './contacts.schemas.js';
import { insertContact } from './contacts.service.js';
import { parseCsv } from '../../../platform/http/csv.js';

export const IMPORT_MAX_ROWS = 5_000;

export const ImportContactsBody = z
  .strictObject({
    csv: z.string().min(1).openapi({
      description:
        'CSV with a header row: first_name,last_name[,emails,phones,title,organization_id,tags,marketing_opted_in,marketing_consent_source]; lists separated by ";"',
    }),
    dryRun: z.boolean().default(true).openapi({ description: 'Only check and report (the default)' }),
  })
  .openapi('ImportContactsRequest');

export const ImportResult = z
  .object({
    dryRun: z.boolean(),
    rows: z.number().int(),
    created: z.number().int().openapi({ description: 'Created, or that would be created in a dry run' }),
    duplicates: z.array(z.object({ row: z.number().int(), email: z.string(), existingId: z.string().nullable() })),
    errors: z.array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() })),
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
] as const;
type Column = (typeof COLUMNS)[number];
const IGNORED = new Set(['id', 'owner_id', 'marketing_consent_at', 'created_at']);

const list = (v: string | undefined) =>
  v
    ? v
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

function toInput(get: (c: Column) => string | undefined): Record<string, unknown> {
  const optedIn = get('marketing_opted_in')?.trim().toLowerCase();
  return {
    firstName: get('first_name'),
    lastName: get('last_name'),
    emails: list(get('emails')),
    phones: list(get('phones')),
    title: get('title') || undefined,
    organizationId: get('organization_id') || undefined,
    tags: list(get('tags')),
    marketing:
      optedIn === undefined || optedIn === ''
        ? undefined
        : {
            optedIn: ['true', 'yes', '1'].includes(optedIn),
            source: get('marketing_consent_source') || 'import',
          },
  };
}

/**
 * Imports contacts from CSV, owned by the importer. Every row is checked first (field errors as
 * `rows.<n>.<field>`, n counting data rows from 1); rows whose email already exists (in MOMS or
 * earlier in the file) are skipped and reported. A dry run stops there. A real run with any error
 * imports nothing (422); otherwise all rows go in one transaction.
 */
export async function importContacts(db: Db, ctx: RequestContext, input: z.output<typeof ImportContactsBody>) {
  const [header, ...data] = parseCsv(input.csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !(COLUMNS as readonly string[]).includes(n) && !IGNORED.has(n));
  if (unknown.length > 0 || !names.includes('first_name') || !names.includes('last_name')) {
    throw errors.validation([
      {
        path: 'csv',
        message: unknown.length
          ? `Unknown column(s): ${unknown.join(', ')}.`
          : 'The header needs first_name and last_name.',
        code: 'header',
      },
    ]);
  }
  if (data.length > IMPORT_MAX_ROWS)
    throw errors.validation([{ path: 'csv', message: `At most ${IMPORT_MAX_ROWS} rows per import.`, code: 'too_big' }]);

  const problems: FieldError[] = [];
  const duplicates: { row: number; email: string; existingId: string | null }[] = [];
  const accepted: CreateContactInput[] = [];
  const seen = new Set<string>();
  for (const [i, cells] of data.entries()) {
    const row = i + 1;
    const parsed = CreateContactBody.safeParse(toInput((c) => cells[names.indexOf(c)]));
    if (!parsed.success) {
      problems.push(...fieldErrors(parsed.error).map((e) => ({ ...e, path: `rows.${row}.${e.path}` })));
      continue;
    }
    const emails = parsed.data.emails ?? [];
    const inFile = emails.find((e) => seen.has(e));
    const existing = inFile ? undefined : emails.length ? await findByEmails(db, emails) : undefined;
    if (inFile || existing) {
      duplicates.push({
        row,
        email: inFile ?? emails.find((e) => existing!.emails.includes(e)) ?? emails[0]!,
        existingId: existing?.id ?? null,
      });
      continue;
    }
    emails.forEach((e) => seen.add(e));
    accepted.push(parsed.data);
  }

  const result = { dryRun: input.dryRun, rows: data.length, created: accepted.length, duplicates, errors: problems };
  if (input.dryRun) return result;
  if (problems.length > 0) throw errors.validation(problems, 'Nothing was imported: fix these rows and try again.');
  await inTransaction(db, async (trx) => {
    for (const [i, contact] of accepted.entries()) {
      await insertContact(trx, ctx, contact, { allowDuplicate: true, pathPrefix: `rows.${i + 1}.` });
    }
  });
  return result;
}
