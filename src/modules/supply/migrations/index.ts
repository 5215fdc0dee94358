import type { Migration } from 'kysely';
import * as m1600 from './2026-12-04T1600_supply_core.js';
import * as m1610 from './2026-12-04T1610_supply_sales.js';
import * as m1620 from './2026-12-04T1620_supply_valuation_snapshots.js';
import * as m1915 from './2026-12-04T1915_supply_units_currency_standard.js';
import * as m0900 from './2026-12-05T0900_supply_quotation_sends.js';

export const supplyMigrations: Record<string, Migration> = {
  '2026-12-04T1600_supply_core': m1600,
  '2026-12-04T1610_supply_sales': m1610,
  '2026-12-04T1620_supply_valuation_snapshots': m1620,
  '2026-12-04T1915_supply_units_currency_standard': m1915,
  '2026-12-05T0900_supply_quotation_sends': m0900,
};
