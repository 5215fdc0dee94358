import type { ColumnType, Generated } from 'kysely';

export interface SavedViewsTable {
  id: string;
  user_id: string;
  /** The list it belongs to, e.g. `crm.organizations`. */
  list: string;
  name: string;
  /** The list's query parameters (a flat string map). */
  query: ColumnType<Record<string, string>, string, string>;
  created_at: Generated<Date>;
}

export interface SavedViewsTables {
  'platform.saved_views': SavedViewsTable;
}

declare module '../db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends SavedViewsTables {}
}
