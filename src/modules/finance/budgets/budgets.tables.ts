import type { ColumnType } from 'kysely';
import type { Numeric } from '../finance.tables.js';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

/** One budget per fiscal year; its version guards every bulk change of its lines. */
export interface BudgetsTable {
  year: number;
  version: ColumnType<number, never, number>;
  created_by: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** One amount per account, department ('' = none) and month, in the account's natural sign. */
export interface BudgetLinesTable {
  year: number;
  period: number;
  account_id: string;
  department: string;
  amount: Numeric;
}

export interface BudgetTables {
  'finance.budgets': BudgetsTable;
  'finance.budget_lines': BudgetLinesTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends BudgetTables {}
}
