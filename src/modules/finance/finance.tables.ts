import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
/** numeric columns travel as decimal strings, never floats. */
export type Numeric = ColumnType<string, string | undefined, string>;

export type AccountType = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

export interface SettingsTable {
  id: number;
  base_currency: string;
  /** The month (1–12) fiscal years start in; years created from now on follow it. */
  fiscal_year_start_month: Generated<number>;
  /** Tax rounded per line (each line's tax to the cent) or per document (per code, once). */
  tax_rounding: Generated<'line' | 'document'>;
  version: Generated<number>;
  updated_at: UpdatedAt;
}

export interface AccountsTable {
  id: Generated<string>;
  code: string;
  name: string;
  type: AccountType;
  parent_id: string | null;
  is_group: Generated<boolean>;
  active: Generated<boolean>;
  description: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AccountRolesTable {
  role: string;
  account_id: string;
}

export interface FiscalYearsTable {
  year: number;
  start_date: string;
  end_date: string;
  status: Generated<'open' | 'closed'>;
  closing_entry_id: string | null;
  closed_at: Date | null;
}

export interface FiscalPeriodsTable {
  id: Generated<string>;
  year: number;
  period: number;
  start_date: string;
  end_date: string;
  status: Generated<'open' | 'closed'>;
  version: Generated<number>;
  closed_at: Date | null;
}

export interface JournalEntriesTable {
  id: Generated<string>;
  number: string | null;
  entry_date: string;
  reference: Generated<string>;
  memo: Generated<string>;
  source_type: Generated<string>;
  source_id: string | null;
  status: Generated<'draft' | 'posted'>;
  currency: string;
  exchange_rate: Numeric;
  reverses_entry_id: string | null;
  reversed_by_entry_id: string | null;
  created_by: string | null;
  posted_by: string | null;
  posted_at: Date | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface JournalLinesTable {
  id: Generated<string>;
  entry_id: string;
  line_no: number;
  account_id: string;
  description: Generated<string>;
  debit: Numeric;
  credit: Numeric;
  base_debit: Numeric;
  base_credit: Numeric;
  department: string | null;
  project_id: string | null;
  posted_date: string | null;
}

export interface NumberSequencesTable {
  series: string;
  year: number;
  last_number: Generated<number>;
}

export interface FinanceTables {
  'finance.settings': SettingsTable;
  'finance.accounts': AccountsTable;
  'finance.account_roles': AccountRolesTable;
  'finance.fiscal_years': FiscalYearsTable;
  'finance.fiscal_periods': FiscalPeriodsTable;
  'finance.journal_entries': JournalEntriesTable;
  'finance.journal_lines': JournalLinesTable;
  'finance.number_sequences': NumberSequencesTable;
}

declare module '../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends FinanceTables {}
}
