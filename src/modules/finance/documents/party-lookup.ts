import type { Db } from '../../../platform/db/database.js';
import type { PartyKind } from './documents.tables.js';
import { findParty, listParties } from './parties.repository.js';

export interface PartySummary {
  id: string;
  kind: PartyKind;
  name: string;
  currency: string | null;
  active: boolean;
}

/**
 * For other modules (supply's suppliers and customers): a party's kind, name, currency and whether it
 * is active, or undefined. `as` checks it can act as a vendor or customer (`both` can be either).
 */
export async function lookupParty(db: Db, id: string, as?: 'vendor' | 'customer'): Promise<PartySummary | undefined> {
  const row = await findParty(db, id);
  if (!row) return undefined;
  if (as && row.kind !== as && row.kind !== 'both') return undefined;
  return { id: row.id, kind: row.kind, name: row.name, currency: row.currency, active: row.active };
}

/** For other modules' demo data and pickers: the first active parties that can act as `as`, by name. */
export async function listPartiesFor(db: Db, as: 'vendor' | 'customer', limit = 20): Promise<PartySummary[]> {
  const page = await listParties(db, { kind: as, active: true, limit, sort: 'name' });
  return page.items.map((row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    currency: row.currency,
    active: row.active,
  }));
}
