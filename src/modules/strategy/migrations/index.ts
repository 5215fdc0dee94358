import type { Migration } from 'kysely';
import * as m2000 from './2026-12-04T2000_strategy_core.js';
import * as m0200 from './2026-12-06T0200_strategy_map_and_reminders.js';

export const strategyMigrations: Record<string, Migration> = {
  '2026-12-04T2000_strategy_core': m2000,
  '2026-12-06T0200_strategy_map_and_reminders': m0200,
};
