import type { Permission } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import type { RequestContext } from '../http/app-env.js';

/**
 * Is this record there for this caller? The owning module answers through its own public code
 * (the attachments code never reads another module's tables): `false` is a 404, exactly as the
 * record's own `GET` answers for a record that does not exist or that the caller may not see.
 */
export type RecordVisibility = (db: Db, ctx: RequestContext, recordId: string) => Promise<boolean>;

/**
 * A record type that can carry attachments, declared in its module's manifest:
 *
 *     attachments: {
 *       'crm.organization': {
 *         label: 'Organization',
 *         read: 'crm:read', //  list and download
 *         write: 'crm:write', // attach and delete
 *         visible: async () => (await import('./index.js')).organizationVisible,
 *       },
 *     },
 *
 * Listing and downloading need `read` and a visible record; attaching and deleting need `write` and a
 * visible record. Without the permission: 403, as the record's own routes answer.
 */
export interface AttachableRecord {
  /** For messages: `Organization`, `Invoice`. */
  label: string;
  read: Permission;
  write: Permission;
  /** Loaded on first use (the manifest stays light: docs/adr/0008). */
  visible: () => Promise<RecordVisibility>;
  /** `npm run demo`: some records of this type to attach sample files to (the module's own query). */
  demoRecords?: () => Promise<(db: Db, limit: number) => Promise<string[]>>;
}

export interface AttachableRecordType extends AttachableRecord {
  /** `<module>.<record>`, e.g. `crm.organization`. */
  recordType: string;
}

/** Every module's attachable record types; a type must be named `<module>.<record>`, and only once. */
export function attachableRecordTypes(
  modules: readonly { name: string; attachments?: Readonly<Record<string, AttachableRecord>> | undefined }[],
): AttachableRecordType[] {
  const types: AttachableRecordType[] = [];
  for (const m of modules) {
    for (const [recordType, record] of Object.entries(m.attachments ?? {})) {
      if (!new RegExp(`^${m.name}\\.[a-z][a-z0-9-]*$`).test(recordType)) {
        throw new Error(
          `Attachable record type "${recordType}" of module ${m.name} must be named "${m.name}.<record>"`,
        );
      }
      types.push({ ...record, recordType });
    }
  }
  return types;
}
