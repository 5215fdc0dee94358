import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  dedupe_key: string | null;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface NotificationsTables {
  'platform.notifications': NotificationsTable;
}

declare module '../db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends NotificationsTables {}
}
