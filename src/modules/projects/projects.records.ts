import type { RecordVisibility } from '../../platform/files/attachable.js';
import { loadProjectAccess, scopeOf } from './access.js';

/** A project is there for the caller when its own `GET /projects/{id}` answers it (a member, or projects:admin). */
export const projectVisible: RecordVisibility = async (db, ctx, id) =>
  (await loadProjectAccess(db, scopeOf(ctx), id)) !== undefined;
