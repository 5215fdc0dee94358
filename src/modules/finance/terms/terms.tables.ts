import type { ColumnType, Generated } from 'kysely';
import type { Numeric } from '../finance.tables.js';

// Payment terms, instalment schedules, reminders and recurring documents (declaration merging).

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export interface PaymentTermsTable {
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  discount_percent: Numeric;
  discount_days: number | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PaymentTermInstalmentsTable {
  term_id: string;
  seq: number;
  percent: Numeric;
  days: number;
}

export interface DocumentInstalmentsTable {
  document_id: string;
  seq: number;
  due_date: string;
  percent: Numeric;
  amount: Numeric;
  discount_until: string | null;
  discount_amount: Numeric;
}

export interface DunningLevelsTable {
  id: Generated<string>;
  level: number;
  name: string;
  delay_days: number;
  subject: string;
  body: string;
  fee: Numeric;
  fee_account_id: string | null;
  auto_send: Generated<boolean>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type ReminderStatus = 'proposed' | 'sent' | 'dismissed' | 'superseded';

export interface RemindersTable {
  id: Generated<string>;
  document_id: string;
  level_id: string;
  level: number;
  instalment_seq: number;
  due_date: string;
  days_overdue: number;
  open_amount: Numeric;
  status: Generated<ReminderStatus>;
  send_id: string | null;
  fee_document_id: string | null;
  proposed_on: string;
  sent_at: Date | null;
  sent_by: string | null;
  created_at: CreatedAt;
}

export type Frequency = 'monthly' | 'quarterly' | 'yearly';

export interface RecurringTemplatesTable {
  id: Generated<string>;
  kind: 'invoice' | 'bill';
  name: string;
  party_id: string;
  /** The draft's fields other than party and dates (currency, lines, tax codes, term …), as sent. */
  document: ColumnType<unknown, string, string>;
  frequency: Frequency;
  day_of_month: number;
  start_date: string;
  end_date: string | null;
  email_on_issue: Generated<boolean>;
  active: Generated<boolean>;
  last_error: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface RecurringRunsTable {
  template_id: string;
  period: string;
  issue_date: string;
  document_id: string;
  send_id: string | null;
  created_at: CreatedAt;
}

export interface TermsTables {
  'finance.payment_terms': PaymentTermsTable;
  'finance.payment_term_instalments': PaymentTermInstalmentsTable;
  'finance.document_instalments': DocumentInstalmentsTable;
  'finance.dunning_levels': DunningLevelsTable;
  'finance.reminders': RemindersTable;
  'finance.recurring_templates': RecurringTemplatesTable;
  'finance.recurring_runs': RecurringRunsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends TermsTables {}
}
