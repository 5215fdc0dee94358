import type { Migration } from 'kysely';
import * as m2000 from './2026-12-04T2000_strategy_core.js';

export const strategyMigrations: Record<string, Migration> = {
  '2026-12-04T2000_strategy_core': m2000,
};
