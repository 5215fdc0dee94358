import type { ColumnType, Generated } from 'kysely';
import type { Numeric } from '../finance.tables.js';
import type { DepreciationMethod } from './schedule.js';

// Fixed assets: categories, the register and the months posted (declaration merging).

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export type AssetStatus = 'draft' | 'active' | 'disposed';

export interface AssetCategoriesTable {
  id: Generated<string>;
  name: string;
  asset_account_id: string;
  accumulated_account_id: string;
  expense_account_id: string;
  useful_life_months: number;
  method: DepreciationMethod;
  rate: Numeric | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AssetsTable {
  id: Generated<string>;
  name: string;
  category_id: string;
  cost: Numeric;
  residual_value: Numeric;
  acquisition_date: string;
  in_service_date: string;
  useful_life_months: number;
  method: DepreciationMethod;
  rate: Numeric | null;
  /** Depreciated before these books, through the month of `depreciated_through` (both or neither). */
  opening_accumulated_depreciation: Numeric;
  depreciated_through: string | null;
  status: Generated<AssetStatus>;
  disposal_date: string | null;
  disposal_proceeds: Numeric | null;
  disposal_entry_id: string | null;
  last_error: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AssetDepreciationTable {
  asset_id: string;
  period: string;
  amount: Numeric;
  entry_id: string | null;
  created_at: CreatedAt;
}

export interface AssetsTables {
  'finance.asset_categories': AssetCategoriesTable;
  'finance.assets': AssetsTable;
  'finance.asset_depreciation': AssetDepreciationTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends AssetsTables {}
}
