import './analytics.tables.js';

export type { AnalyticsTables } from './analytics.tables.js';
export { analyticsModule } from './analytics.module.js';
/** For benchmarks (and later, other modules' reports): a JSON query run as a caller, with their visibility. */
export { AnalyticsQuery, type AnalyticsQueryT } from './query/query.schemas.js';
export { runQuery } from './query/query.service.js';
