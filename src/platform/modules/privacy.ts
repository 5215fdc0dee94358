import type { Db, Tx } from '../db/database.js';
import type { RequestContext } from '../http/app-env.js';
import type { JsonValue } from '../jobs/job-registry.js';

/**
 * Privacy requests (GDPR data-subject requests, Compliance: docs/adr/0025): every module that holds
 * personal data declares in its manifest how it exports and erases what it holds about a person.
 * Compliance calls these hooks through the module list; no module reads another's tables.
 */

/** The person a request is about: a record of the module that declares the type (`<module>.<record>`). */
export interface PrivacySubject {
  type: string;
  id: string;
}

/**
 * Who the person is, as the module owning the subject's type knows them. Resolved once, before any
 * module erases anything (Compliance keeps it in the job's checkpoint until the job ends), and handed
 * to every module, which finds its own records by it.
 */
export interface PrivacyIdentity {
  subject: PrivacySubject;
  /** The person's name (the export's heading; never written to an erasure report). */
  name: string;
  /** Lower-case email addresses the person is known by (other modules match their records on them). */
  emails: string[];
  /** The person's MOMS user account (an employee's), or null. */
  userId: string | null;
  /** The subject's own record when it is an HR employee, else null. */
  employeeId: string | null;
  /** The subject's own record when it is a CRM contact, else null. */
  contactId: string | null;
}

/** One part of an export: a module's records of one kind, as JSON. */
export interface PrivacySection {
  /** `<module>.<what>`, e.g. `crm.activities`. */
  key: string;
  title: string;
  records: { [key: string]: JsonValue }[];
}

export interface PrivacyOutcome {
  /** What, in words (e.g. "Contact: names, emails, phones, title, tags, consent"). */
  what: string;
  count: number;
}

/** What a module kept, and why (a statutory retention period, a legal claim, integrity of records). */
export interface PrivacyRetention extends PrivacyOutcome {
  reason: string;
}

/** What a module's erasure did: it never lists the personal data itself. */
export interface PrivacyErasure {
  anonymized: PrivacyOutcome[];
  retained: PrivacyRetention[];
}

export interface PrivacyHandlers {
  /** For the subject types the module declares: who the person is, or null when there is no such record. */
  identify?: (db: Db, subject: PrivacySubject) => Promise<PrivacyIdentity | null>;
  /** Everything the module holds about the person (read-only). */
  export: (db: Db, identity: PrivacyIdentity) => Promise<PrivacySection[]>;
  /**
   * Anonymizes what may be removed and reports what is kept, in the caller's transaction (one per
   * module), auditing its changes with `ctx`. Must be harmless when run again on the same person.
   */
  erase: (trx: Tx, identity: PrivacyIdentity, ctx: RequestContext) => Promise<PrivacyErasure>;
}

/** A module manifest's `privacy`: the subject types it owns and its hooks, loaded on first use. */
export interface PrivacyDefinition {
  /** Subject types (`<module>.<record>`) this module identifies, e.g. `crm.contact`. */
  subjects?: readonly string[];
  load: () => Promise<PrivacyHandlers>;
}

/** A database row as an export record: dates become ISO strings, undefined fields go (its JSON form). */
export const privacyRecord = (row: object) => JSON.parse(JSON.stringify(row)) as { [key: string]: JsonValue };
