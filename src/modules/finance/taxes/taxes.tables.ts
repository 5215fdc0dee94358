import type { ColumnType, Generated } from 'kysely';
import type { Numeric } from '../finance.tables.js';

// Tax codes, fiscal positions, documents' tax breakdowns and filed returns (declaration merging into Database).

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;

export type TaxKind = 'sales' | 'purchase';
export type TaxTreatment = 'standard' | 'exempt' | 'zero-rated' | 'reverse-charge';
export type FiscalPositionKind = 'domestic' | 'intra-eu' | 'export';

export interface TaxCodesTable {
  id: Generated<string>;
  code: string;
  name: string;
  kind: TaxKind;
  is_group: Generated<boolean>;
  /** A decimal fraction: 0.2 is 20 %. */
  rate: Numeric;
  treatment: Generated<TaxTreatment>;
  exempt_reason: Generated<string>;
  account_id: string | null;
  reverse_account_id: string | null;
  net_box: Generated<string>;
  tax_box: Generated<string>;
  reverse_tax_box: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface TaxCodeComponentsTable {
  group_id: string;
  seq: number;
  component_id: string;
  compound: Generated<boolean>;
}

export interface FiscalPositionsTable {
  id: Generated<string>;
  name: string;
  kind: FiscalPositionKind;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FiscalPositionTaxesTable {
  position_id: string;
  from_tax_code_id: string;
  to_tax_code_id: string;
}

export interface AccountTaxDefaultsTable {
  account_id: string;
  tax_code_id: string;
}

export interface DocumentTaxesTable {
  id: Generated<string>;
  document_id: string;
  seq: number;
  tax_code_id: string | null;
  code: Generated<string>;
  name: Generated<string>;
  treatment: Generated<TaxTreatment>;
  exempt_reason: Generated<string>;
  rate: Numeric;
  /** output: tax owed (sales, or self-assessed on a purchase); input: tax reclaimable. */
  side: 'output' | 'input';
  self_assessed: Generated<boolean>;
  account_id: string | null;
  /** The box the tax is reported in, and the box of the taxable amount. */
  box: Generated<string>;
  net_box: Generated<string>;
  base: Numeric;
  tax: Numeric;
}

export interface TaxReturnsTable {
  id: Generated<string>;
  period_start: string;
  period_end: string;
  status: Generated<'filed'>;
  output_tax: Numeric;
  input_tax: Numeric;
  net_payable: Numeric;
  figures: ColumnType<unknown, string, string>;
  filed_by: string | null;
  filed_at: Generated<Date>;
}

export interface TaxTables {
  'finance.tax_codes': TaxCodesTable;
  'finance.tax_code_components': TaxCodeComponentsTable;
  'finance.fiscal_positions': FiscalPositionsTable;
  'finance.fiscal_position_taxes': FiscalPositionTaxesTable;
  'finance.account_tax_defaults': AccountTaxDefaultsTable;
  'finance.document_taxes': DocumentTaxesTable;
  'finance.tax_returns': TaxReturnsTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends TaxTables {}
}
