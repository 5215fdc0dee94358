import type { Migration } from 'kysely';
import * as m0300 from './2026-12-06T0300_analytics_create.js';
import * as m0200 from './2026-12-07T0200_analytics_subscriptions.js';

export const analyticsMigrations: Record<string, Migration> = {
  '2026-12-06T0300_analytics_create': m0300,
  '2026-12-07T0200_analytics_subscriptions': m0200,
};
