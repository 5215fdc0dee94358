/**
 * The module's background code, loaded on first use by the job types its manifest declares (the
 * worker and the containerizedApi function carry it; the standardApi zip does not: infra/bundling.ts).
 */
export { runAnalyticsExport } from './exports/export.job.js';
export { runSubscription, runSubscriptionsDue } from './subscriptions/subscriptions.job.js';
