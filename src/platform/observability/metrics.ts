import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * Business metrics (issue #20): counts of what the business does, as CloudWatch embedded-metric-format
 * log lines (Powertools Metrics) — no API call, no latency, billed as custom metrics. Emitted only on
 * Lambda; locally and in tests they are counted in memory (`businessMetricCounts`). Call after the
 * change committed, so a rolled-back transaction counts nothing.
 */
export type BusinessMetric = 'InvoicesIssued' | 'BillsIssued' | 'JobsSucceeded' | 'JobsFailed';

const onLambda = () => Boolean(process.env.AWS_LAMBDA_FUNCTION_NAME);

let metrics: Metrics | undefined;
const counts = new Map<BusinessMetric, number>();

export function countBusinessEvent(name: BusinessMetric, count = 1): void {
  counts.set(name, (counts.get(name) ?? 0) + count);
  if (!onLambda()) return;
  metrics ??= new Metrics({
    namespace: 'MOMS',
    serviceName: 'moms',
    defaultDimensions: { stage: process.env.MOMS_STAGE ?? 'unknown' },
  });
  metrics.addMetric(name, MetricUnit.Count, count);
  metrics.publishStoredMetrics();
}

/** What this process counted (tests, local debugging). */
export function businessMetricCounts(): ReadonlyMap<BusinessMetric, number> {
  return counts;
}
