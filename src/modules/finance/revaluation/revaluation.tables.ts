import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Numeric } from '../finance.tables.js';

type CreatedAt = ColumnType<Date, never, never>;

export type RevaluationLineKind = 'invoice' | 'bill' | 'credit-note' | 'vendor-credit' | 'bank-account';

export interface FxRevaluationsTable {
  id: Generated<string>;
  revaluation_date: string;
  /** The first day of the revaluation date's month: one run per period. */
  period_start: string;
  reversal_date: string;
  base_currency: string;
  /** Currency → base currency per unit, as given for the run. */
  rates: JSONColumnType<Record<string, string>, string, string>;
  journal_entry_id: string | null;
  reversal_entry_id: string | null;
  gain: Numeric;
  loss: Numeric;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface FxRevaluationLinesTable {
  revaluation_id: string;
  line_no: number;
  kind: RevaluationLineKind;
  document_id: string | null;
  bank_account_id: string | null;
  label: string;
  account_id: string;
  currency: string;
  open_amount: Numeric;
  rate: Numeric;
  old_base: Numeric;
  new_base: Numeric;
  difference: Numeric;
}

export interface RevaluationTables {
  'finance.fx_revaluations': FxRevaluationsTable;
  'finance.fx_revaluation_lines': FxRevaluationLinesTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends RevaluationTables {}
}
