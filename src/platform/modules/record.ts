import type { Permission } from '../auth/permissions.js';
import type { RecordVisibility } from '../files/attachable.js';

/**
 * A record type other modules may point at by id (`<module>.<record>`, e.g. Automation's "Run flow"
 * from the record's page), declared in its module's manifest (`records`). Whoever follows such a
 * reference applies the owner's rules: `read` is the permission the record's own `GET` needs, and
 * `visible` answers, as that `GET` would, whether the caller sees this record (`false`: a 404).
 */
export interface LinkableRecord {
  /** For messages and menus: `Organization`, `Project`. */
  label: string;
  read: Permission;
  /** Loaded on first use (the manifest stays light: docs/adr/0008). */
  visible: () => Promise<RecordVisibility>;
}
