import type { RecordVisibility } from '../../platform/files/attachable.js';
import { findContact } from './contacts/contacts.repository.js';
import { findOpportunity } from './pipeline/opportunities.repository.js';
import { scopeOf } from './visibility.js';

/**
 * CRM records other modules may point at (the manifest's `records`): each is there for the caller
 * exactly when its own `GET` would answer it (owner, team manager or crm:admin).
 */
export const contactVisible: RecordVisibility = async (db, ctx, id) =>
  (await findContact(db, scopeOf(ctx), id)) !== undefined;

export const opportunityVisible: RecordVisibility = async (db, ctx, id) =>
  (await findOpportunity(db, scopeOf(ctx), id)) !== undefined;
