import type { ColumnType, Generated } from 'kysely';

// The log of quotations and sales orders sent by email (declaration merging into Database).

export interface QuotationSendsTable {
  id: Generated<string>;
  order_id: string;
  recipients: ColumnType<{ to: string[]; cc: string[] }, string, string>;
  subject: string;
  file_name: string;
  /** Finance's `finance.commercial-send` job: it renders the PDF and queues the mail. */
  job_id: string;
  sent_by: string | null;
  sent_by_email: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface QuotationSendTables {
  'supply.quotation_sends': QuotationSendsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends QuotationSendTables {}
}
