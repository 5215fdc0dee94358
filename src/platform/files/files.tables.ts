import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `bigint` comes back from the drivers as a string. */
type Int8 = ColumnType<string, number | string, number | string>;

export interface FileUploadsTable {
  id: string;
  object_key: string;
  record_type: string;
  record_id: string;
  file_name: string;
  content_type: string;
  size: Int8;
  sha256: string | null;
  status: Generated<'pending' | 'completed'>;
  attachment_id: string | null;
  created_by: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface AttachmentsTable {
  id: string;
  record_type: string;
  record_id: string;
  object_key: string;
  file_name: string;
  content_type: string;
  size: Int8;
  sha256: string;
  created_by: string;
  created_at: Generated<Date>;
  deleted_at: Date | null;
  deleted_by: string | null;
}

export interface FilesTables {
  'platform.file_uploads': FileUploadsTable;
  'platform.attachments': AttachmentsTable;
}

declare module '../db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends FilesTables {}
}
