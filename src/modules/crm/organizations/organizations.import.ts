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
import { CreateOrganizationBody, domainField, type CreateOrganizationInput } from './organizations.schemas.js';
import { insertOrganization } from './organizations.service.js';

export const ImportOrganizationsBody = z
  .strictObject({
    csv: z
      .string()
      .min(1)
      .openapi({
        description:
          'CSV with a header row: name[,domain,industry,size,street,city,region,postal_code,country,tags,parent]; ' +
          'tags separated by ";"; parent: the name or domain of an organization you can see or of an earlier row',
      }),
    ...importOptions,
  })
  .openapi('ImportOrganizationsRequest');

export const ImportOrganizationsResult = z
  .object({
    ...importCounts,
    duplicates: z.array(z.object({ row: z.number().int(), domain: z.string(), existingId: z.string().nullable() })),
  })
  .openapi('ImportOrganizationsResult');

const ADDRESS = { street: 'street', city: 'city', region: 'region', postalCode: 'postal_code', country: 'country' };
const COLUMNS = ['name', 'domain', 'industry', 'size', ...Object.values(ADDRESS), 'tags', 'parent'];
const IGNORED = ['id', 'owner_id', 'parent_id', 'created_at'];

function toInput({ get }: CsvRow): Record<string, unknown> {
  const address = Object.fromEntries(
    Object.entries(ADDRESS).flatMap(([field, column]) => (get(column)?.trim() ? [[field, get(column)]] : [])),
  );
  return {
    name: get('name'),
    domain: get('domain')?.trim() || undefined,
    industry: get('industry')?.trim() || undefined,
    size: get('size')?.trim() || undefined,
    address: Object.keys(address).length > 0 ? address : undefined,
    tags: cellList(get('tags')),
  };
}

/** A parent cell: a domain (when it reads as one) or a name, compared case-insensitively. */
function parentKey(value: string): { domain: string | null; name: string } {
  const domain = domainField.safeParse(value);
  return { domain: domain.success ? domain.data : null, name: value.trim().toLowerCase() };
}

interface Parsed {
  row: number;
  organization: CreateOrganizationInput;
  parent: string | null;
}
type Parent = { existingId: string } | { row: number };

/** A good row of an earlier chunk of the same file (a background import checks a chunk at a time). */
export interface EarlierOrganization {
  row: number;
  /** Lowercased. */
  name: string;
  domain: string | null;
  /** Once written (a real run). */
  id: string | null;
}

/** What a chunk passes to the next: the file's domains so far and its good rows (possible parents). */
export interface OrganizationsCarry {
  domains: string[];
  earlier: EarlierOrganization[];
}

/** The organizations CSV's columns (the synchronous import and the background one, crm.imports.job.ts). */
export const ORGANIZATIONS_IMPORT_SPEC = { columns: COLUMNS, ignored: IGNORED, required: ['name'] };

/**
 * Checks every row: field errors, duplicate domains (in MOMS, any owner, or earlier in the file) and
 * parents (a visible organization, or an earlier good row, by domain or name; ambiguous names are
 * errors). Existing domains and parents are each looked up in one query. `carry` holds what earlier
 * chunks of the file accepted (the background import; added to).
 */
export async function checkOrganizationRows(
  db: Db,
  ctx: RequestContext,
  rows: CsvRow[],
  carry: OrganizationsCarry = { domains: [], earlier: [] },
) {
  const problems: FieldError[] = [];
  const parsed: Parsed[] = [];
  for (const r of rows) {
    const result = CreateOrganizationBody.safeParse(toInput(r));
    if (result.success) parsed.push({ row: r.row, organization: result.data, parent: r.get('parent')?.trim() || null });
    else problems.push(...rowErrors(r.row, result.error));
  }
  const domains = [...new Set(parsed.flatMap((p) => (p.organization.domain ? [p.organization.domain] : [])))];
  const existingDomains = new Map<string, string>();
  if (domains.length > 0) {
    const found = await db
      .selectFrom('crm.organizations')
      .select(['id', 'domain'])
      .where(sql<boolean>`domain = any(${sql.val(domains)}::text[])`)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    // Not those this import wrote in its earlier chunks: the report says what MOMS had before.
    const ours = new Set(carry.earlier.flatMap((e) => (e.id ? [e.id] : [])));
    for (const o of found)
      if (o.domain && !ours.has(o.id) && !existingDomains.has(o.domain)) existingDomains.set(o.domain, o.id);
  }
  const keys = parsed.flatMap((p) => (p.parent ? [parentKey(p.parent)] : []));
  const candidates =
    keys.length === 0
      ? []
      : await db
          .selectFrom('crm.organizations as o')
          .select(['o.id', 'o.name', 'o.domain'])
          .where(visibleTo(scopeOf(ctx), 'o.owner_id'))
          .where((eb) =>
            eb.or([
              sql<boolean>`lower(o.name) = any(${sql.val([...new Set(keys.map((k) => k.name))])}::text[])`,
              sql<boolean>`o.domain = any(${sql.val([...new Set(keys.flatMap((k) => (k.domain ? [k.domain] : [])))])}::text[])`,
            ]),
          )
          .execute();

  const duplicates: { row: number; domain: string; existingId: string | null }[] = [];
  const accepted: (Parsed & { parentRef: Parent | null })[] = [];
  const seenDomains = new Set<string>(carry.domains);
  for (const p of parsed) {
    const domain = p.organization.domain;
    if (domain && (seenDomains.has(domain) || existingDomains.has(domain))) {
      duplicates.push({ row: p.row, domain, existingId: existingDomains.get(domain) ?? null });
      continue;
    }
    let parentRef: Parent | null = null;
    if (p.parent) {
      const key = parentKey(p.parent);
      const sameKey = (domain: string | null | undefined, name: string) =>
        key.domain && domain === key.domain ? true : name === key.name;
      const earlier: Parent[] = [
        ...carry.earlier
          .filter((e) => sameKey(e.domain, e.name))
          .map((e): Parent => (e.id ? { existingId: e.id } : { row: e.row })),
        ...accepted
          .filter((a) => sameKey(a.organization.domain, a.organization.name.toLowerCase()))
          .map((a): Parent => ({ row: a.row })),
      ];
      const byDomain = key.domain ? candidates.filter((c) => c.domain === key.domain) : [];
      const byName = candidates.filter((c) => c.name.toLowerCase() === key.name);
      const matches: (Parent | { id: string })[] =
        earlier.length > 0 ? earlier : byDomain.length > 0 ? byDomain : byName;
      if (matches.length !== 1) {
        problems.push({
          path: rowPath(p.row, 'parent'),
          message:
            matches.length === 0
              ? `No organization named or with the domain "${p.parent}" that you can see (here or earlier in the file).`
              : `${matches.length} organizations match "${p.parent}": give its domain.`,
          code: matches.length === 0 ? 'invalid_reference' : 'ambiguous',
        });
        continue;
      }
      const match = matches[0]!;
      parentRef = 'id' in match ? { existingId: match.id } : match;
    }
    if (domain) seenDomains.add(domain);
    accepted.push({ ...p, parentRef });
  }
  return { problems: byRow(problems), duplicates, accepted };
}

/**
 * Imports organizations from CSV, owned by the importer, with the semantics of the contacts import
 * (crm.import.ts): dry run by default; a real run writes the good rows in file order in one
 * transaction (a parent from the file is created before its children) and reports the rest.
 */
export async function importOrganizations(
  db: Db,
  ctx: RequestContext,
  input: z.output<typeof ImportOrganizationsBody>,
) {
  const rows = readImportCsv(input.csv, ORGANIZATIONS_IMPORT_SPEC);
  const report = (checked: CheckedOrganizations) => importReport(input.dryRun, rows.length, checked);
  if (input.dryRun) return report(await checkOrganizationRows(db, ctx, rows));
  return inTransaction(db, async (trx) => {
    const checked = await checkOrganizationRows(trx, ctx, rows);
    abortOnErrors(checked.problems, input.onError);
    await writeOrganizationRows(trx, ctx, checked.accepted);
    return report(checked);
  });
}

type CheckedOrganizations = Awaited<ReturnType<typeof checkOrganizationRows>>;

/**
 * Creates the accepted organizations in file order, owned by the importer (inside the caller's
 * transaction): a parent from the file is created before its children. Returns row → new id.
 */
export async function writeOrganizationRows(
  trx: Tx,
  ctx: RequestContext,
  accepted: CheckedOrganizations['accepted'],
): Promise<Map<number, string>> {
  const created = new Map<number, string>();
  for (const { row, organization, parentRef } of accepted) {
    const parentId =
      parentRef === null ? null : 'row' in parentRef ? created.get(parentRef.row)! : parentRef.existingId;
    const saved = await insertOrganization(
      trx,
      ctx,
      { ...organization, parentId },
      { allowDuplicate: true, pathPrefix: `rows.${row}.` },
    );
    created.set(row, saved.id);
  }
  return created;
}
