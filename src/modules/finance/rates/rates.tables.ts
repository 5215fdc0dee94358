import type { ColumnType, Generated } from 'kysely';
import type { Numeric } from '../finance.tables.js';

/** The exchange-rate table (declaration merging): units of `to_currency` for one `from_currency`. */
export interface ExchangeRatesTable {
  id: Generated<string>;
  from_currency: string;
  to_currency: string;
  rate_date: string;
  rate: Numeric;
  source: Generated<string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface RatesTables {
  'finance.exchange_rates': ExchangeRatesTable;
}

declare module '../../../platform/db/database.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Database extends RatesTables {}
}
