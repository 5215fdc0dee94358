import type { Migration } from 'kysely';
import * as m1300 from './2026-11-25T1300_finance_create_ledger.js';
import * as m1400 from './2026-11-25T1400_finance_documents.js';
import * as m1410 from './2026-11-25T1410_finance_budgets.js';
import * as m20261204t1000 from './2026-12-04T1000_finance_allocation_base_amounts.js';
import * as m20261204t1100 from './2026-12-04T1100_finance_unallocations_refunds_opening.js';
import * as m20261204t1200 from './2026-12-04T1200_finance_taxes_fiscal_years.js';
import * as m20261204t1210 from './2026-12-04T1210_finance_document_line_dimensions.js';
import * as m20261205t0830 from './2026-12-05T0830_finance_einvoicing.js';
import * as m20261205t0820 from './2026-12-05T0820_finance_document_printing.js';
import * as m20261206t0600 from './2026-12-06T0600_finance_payment_terms.js';
import * as m20261206t0500 from './2026-12-06T0500_finance_bank_accounts.js';
import * as m20261206t0700 from './2026-12-06T0700_finance_fixed_assets.js';
import * as m20261206t0800 from './2026-12-06T0800_finance_revaluations.js';
import * as m20261207t0100 from './2026-12-07T0100_finance_exchange_rates_discounts.js';

export const financeMigrations: Record<string, Migration> = {
  '2026-11-25T1300_finance_create_ledger': m1300,
  '2026-11-25T1400_finance_documents': m1400,
  '2026-11-25T1410_finance_budgets': m1410,
  '2026-12-04T1000_finance_allocation_base_amounts': m20261204t1000,
  '2026-12-04T1100_finance_unallocations_refunds_opening': m20261204t1100,
  '2026-12-04T1200_finance_taxes_fiscal_years': m20261204t1200,
  '2026-12-04T1210_finance_document_line_dimensions': m20261204t1210,
  '2026-12-05T0830_finance_einvoicing': m20261205t0830,
  '2026-12-05T0820_finance_document_printing': m20261205t0820,
  '2026-12-06T0500_finance_bank_accounts': m20261206t0500,
  '2026-12-06T0600_finance_payment_terms': m20261206t0600,
  '2026-12-06T0700_finance_fixed_assets': m20261206t0700,
  '2026-12-06T0800_finance_revaluations': m20261206t0800,
  '2026-12-07T0100_finance_exchange_rates_discounts': m20261207t0100,
};
