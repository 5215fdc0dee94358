import type { Migration } from 'kysely';
import * as m1300 from './2026-11-25T1300_finance_create_ledger.js';

export const financeMigrations: Record<string, Migration> = {
  '2026-11-25T1300_finance_create_ledger': m1300,
};
