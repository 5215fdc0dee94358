import type { ColumnType, Generated } from 'kysely';

// Tables of the documents customers receive (declaration merging into Database).

export type SendKind = 'invoice' | 'credit-note' | 'bill' | 'vendor-credit' | 'statement';
export type SendStatus = 'queued' | 'sent' | 'failed';

/**
 * The company's one profile in Finance (one row, id 1): its identity, postal address, bank account
 * and Peppol endpoint — read by the PDFs and the UBL e-invoices — and the texts and logo of its
 * documents.
 */
export interface CompanyProfileTable {
  id: Generated<number>;
  legal_name: string;
  vat_id: string;
  registration: string;
  street: string;
  city: string;
  postal_zone: string;
  /** ISO 3166-1 alpha-2, or ''. */
  country_code: string;
  email: string;
  phone: string;
  bank_name: string;
  iban: string;
  bic: string;
  /** Peppol EAS code (four digits) and the id within it: both or neither. */
  endpoint_scheme: string;
  endpoint_id: string;
  header_text: string;
  footer_text: string;
  payment_text: string;
  email_subject: string;
  email_body: string;
  statement_email_subject: string;
  statement_email_body: string;
  logo_attachment_id: string | null;
  logo_key: string | null;
  logo_content_type: string | null;
  version: Generated<number>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface DocumentSendsTable {
  id: Generated<string>;
  kind: SendKind;
  document_id: string | null;
  party_id: string;
  period_from: string | null;
  period_to: string | null;
  recipients: ColumnType<{ to: string[]; cc: string[] }, string, string>;
  subject: string;
  file_name: string;
  status: Generated<SendStatus>;
  job_id: string | null;
  mail_job_id: string | null;
  file_key: string | null;
  error: string | null;
  sent_by: string | null;
  sent_by_email: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface PrintingTables {
  'finance.company_profile': CompanyProfileTable;
  'finance.document_sends': DocumentSendsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends PrintingTables {}
}
