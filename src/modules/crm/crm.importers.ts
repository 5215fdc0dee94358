import type { Tx } from '../../platform/db/database.js';
import type { FieldError } from '../../platform/errors/app-error.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import type { JsonValue } from '../../platform/jobs/job-registry.js';
import { checkContactRows, CONTACTS_IMPORT_SPEC, writeContactRows } from './contacts/contacts.import.js';
import type { CsvRow } from './crm.import.js';
import type { CrmImportKind } from './crm.imports.js';
import { checkLeadRows, LEADS_IMPORT_SPEC, writeLeadRows } from './leads/leads.import.js';
import {
  checkOrganizationRows,
  ORGANIZATIONS_IMPORT_SPEC,
  writeOrganizationRows,
  type OrganizationsCarry,
} from './organizations/organizations.import.js';

/** A duplicate row: its number, the key that collided (email, domain) and the record it collided with. */
export type ImportDuplicate = { row: number; existingId: string | null } & Record<string, string | number | null>;

/**
 * One kind of background CSV import (crm.imports.job.ts): its columns, and a chunk's check and write
 * with the rules of the kind's synchronous import. `carry` is what a chunk passes to the next (the
 * file's keys so far, for in-file duplicates and parents): JSON, saved in the job's checkpoint.
 */
export interface CrmImporter {
  spec: { columns: readonly string[]; ignored: readonly string[]; required: readonly string[] };
  /**
   * Checks the chunk with what earlier chunks carried and, in a real run, writes its good rows (in
   * the chunk's transaction); returns the row problems, the duplicates, how many rows were (or
   * would be) created, and the carry for the next chunk.
   */
  chunk: (
    trx: Tx,
    ctx: RequestContext,
    rows: CsvRow[],
    carry: JsonValue | null,
    write: boolean,
  ) => Promise<{ problems: FieldError[]; duplicates: ImportDuplicate[]; created: number; carry: JsonValue }>;
}

const contacts: CrmImporter = {
  spec: CONTACTS_IMPORT_SPEC,
  chunk: async (trx, ctx, rows, carry, write) => {
    const seen = new Set((carry as string[] | null) ?? []);
    const checked = await checkContactRows(trx, ctx, rows, seen);
    if (write) await writeContactRows(trx, ctx, checked.accepted);
    return { ...checked, created: checked.accepted.length, carry: [...seen] };
  },
};

const leads: CrmImporter = {
  spec: LEADS_IMPORT_SPEC,
  chunk: async (trx, ctx, rows, carry, write) => {
    const seen = new Set((carry as string[] | null) ?? []);
    const checked = await checkLeadRows(trx, ctx, rows, seen);
    if (write) await writeLeadRows(trx, ctx, checked.accepted);
    return { ...checked, created: checked.accepted.length, carry: [...seen] };
  },
};

const organizations: CrmImporter = {
  spec: ORGANIZATIONS_IMPORT_SPEC,
  chunk: async (trx, ctx, rows, carry, write) => {
    const before = (carry as OrganizationsCarry | null) ?? { domains: [], earlier: [] };
    const checked = await checkOrganizationRows(trx, ctx, rows, before);
    const created = write ? await writeOrganizationRows(trx, ctx, checked.accepted) : new Map<number, string>();
    const after: OrganizationsCarry = {
      domains: [
        ...before.domains,
        ...checked.accepted.flatMap((a) => (a.organization.domain ? [a.organization.domain] : [])),
      ],
      earlier: [
        ...before.earlier,
        ...checked.accepted.map((a) => ({
          row: a.row,
          name: a.organization.name.toLowerCase(),
          domain: a.organization.domain ?? null,
          id: created.get(a.row) ?? null,
        })),
      ],
    };
    return { ...checked, created: checked.accepted.length, carry: after as unknown as JsonValue };
  },
};

export const crmImporters: Record<CrmImportKind, CrmImporter> = { contacts, organizations, leads };
