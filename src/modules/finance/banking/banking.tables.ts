import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Numeric } from '../finance.tables.js';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

/** How a bank's CSV statement reads (saved per bank account, used by every later CSV import). */
export interface CsvMapping {
  delimiter: ',' | ';' | '\t' | '|';
  /** Header lines before the column titles are skipped; the titles' row is `headerRow` (1-based). */
  headerRow: number;
  date: string;
  valueDate?: string | undefined;
  /** One signed amount column, or a debit (money out) and a credit (money in) column. */
  amount?: string | undefined;
  debit?: string | undefined;
  credit?: string | undefined;
  description?: string | undefined;
  reference?: string | undefined;
  counterparty?: string | undefined;
  bankRef?: string | undefined;
  dateFormat: 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY' | 'YYYYMMDD';
  decimalSeparator: '.' | ',';
}

export interface BankAccountsTable {
  id: Generated<string>;
  name: string;
  iban: string;
  account_number: string;
  bic: string;
  currency: string;
  account_id: string;
  opening_balance: Numeric;
  csv_mapping: JSONColumnType<CsvMapping | null, string | null, string | null>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type StatementFormat = 'csv' | 'camt053' | 'ofx';

export interface BankStatementsTable {
  id: Generated<string>;
  bank_account_id: string;
  format: StatementFormat;
  statement_ref: string;
  file_name: string;
  start_date: string;
  end_date: string;
  opening_balance: Numeric;
  closing_balance: Numeric;
  line_count: number;
  status: Generated<'open' | 'finished'>;
  imported_by: string | null;
  finished_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type MatchKind = 'payment' | 'documents' | 'entry';

export interface BankStatementLinesTable {
  id: Generated<string>;
  statement_id: string;
  bank_account_id: string;
  line_no: number;
  booking_date: string;
  value_date: string | null;
  /** Signed: money in is positive, money out negative. */
  amount: Numeric;
  description: string;
  reference: string;
  counterparty: string;
  counterparty_account: string;
  bank_ref: string;
  fingerprint: string;
  status: Generated<'unmatched' | 'reconciled'>;
  match_kind: MatchKind | null;
  payment_id: string | null;
  journal_entry_id: string | null;
  rule_id: string | null;
  reconciled_by: string | null;
  reconciled_at: Date | null;
  version: Generated<number>;
}

export interface BankMatchingRulesTable {
  id: Generated<string>;
  bank_account_id: string | null;
  name: string;
  priority: number;
  field: 'description' | 'counterparty' | 'reference';
  pattern: string;
  direction: 'any' | 'in' | 'out';
  party_id: string | null;
  account_id: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BankingTables {
  'finance.bank_accounts': BankAccountsTable;
  'finance.bank_statements': BankStatementsTable;
  'finance.bank_statement_lines': BankStatementLinesTable;
  'finance.bank_matching_rules': BankMatchingRulesTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends BankingTables {}
}
