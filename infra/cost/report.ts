import type { Estimate } from './estimate.js';
import { formatQuantity, formatUsd, type LineItem } from './money.js';
import { listPrices, prices } from './prices.js';

const COMPONENT_WIDTH = 38;
const USD_WIDTH = 10;

function row(component: string, usd: string, detail = ''): string {
  return `  ${component.padEnd(COMPONENT_WIDTH)}${usd.padStart(USD_WIDTH)}  ${detail}`.trimEnd();
}

function lines(items: readonly LineItem[]): string[] {
  return items.map((item) => row(item.component, formatUsd(item.microUsd), item.detail));
}

export function monthLabel(requests: number): string {
  return requests === 0 ? 'idle month (0 requests)' : `${formatQuantity(requests)} requests month`;
}

export function formatRatio(e: Estimate): string {
  const difference = e.baseline.totalMicroUsd - e.serverless.totalMicroUsd;
  const verdict =
    difference >= 0
      ? `serverless costs $${formatUsd(difference)} a month less`
      : `serverless costs $${formatUsd(-difference)} a month MORE`;
  return `serverless ÷ always-on = ${e.ratio.toFixed(2)}: ${verdict}`;
}

/** One month: the serverless line items and total, the baseline's, and the ratio. */
export function renderEstimate(e: Estimate): string {
  const title =
    `${e.stage} (${e.region}) · ${monthLabel(e.workload.requestsPerMonth)} · network ${e.network} · ` +
    `free tier ${e.freeTier ? 'on' : 'off'}`;
  return [
    `── ${title} ──`,
    row('Serverless', 'USD/month', 'quantity × unit price'),
    ...lines(e.serverless.lines),
    row('Serverless total', formatUsd(e.serverless.totalMicroUsd)),
    '',
    row('Always-on EC2 + RDS baseline', 'USD/month'),
    ...lines(e.baseline.lines),
    row('Baseline total', formatUsd(e.baseline.totalMicroUsd)),
    '',
    `  ${formatRatio(e)}`,
  ].join('\n');
}

/** The workload assumptions behind an estimate (the defaults it filled in). */
export function renderAssumptions(e: Estimate): string {
  const w = e.workload;
  const q = formatQuantity;
  return [
    `Workload assumptions (${monthLabel(w.requestsPerMonth)}; override with the CLI flags or in code):`,
    `  API ${q(w.avgDurationMs)} ms; authorizer ${q(w.authorizerDurationMs)} ms on ${q(w.protectedShare * 100)}% of ` +
      `requests; cold starts ${q(w.coldStartShare * 100)}% (init ${q(w.initDurationMs)} ms); ` +
      `${q(w.jobsPerRequest)} jobs/request × ${q(w.workerDurationMs)} ms worker`,
    `  Aurora: ${q(w.activeHours)} active h, ${q(w.avgAcu)} ACU while active, ${q(w.dbIoPerRequest)} I/O and ` +
      `${q(w.dbCallsPerRequest)} statements per request, ${q(w.dailyChangeShare * 100)}% changed a day`,
    `  Web: ${q(w.dataOutGb)} GB out (${q(w.apiResponseKb)} KB/response, ${q(w.pageLoadsPerMonth)} page loads × ` +
      `${q(w.webKbPerPageLoad)} KB in ${q(w.webFilesPerPageLoad)} files), CloudFront hit ${q(w.cacheHitShare * 100)}%`,
    `  logs: ${q(w.logKbPerInvocation)} KB per invocation + ${q(w.accessLogKbPerRequest)} KB access log per ` +
      `request; ${q(w.secrets)} secrets`,
  ].join('\n');
}

export function renderPriceNote(): string {
  const unsure = listPrices().filter(({ price }) => price.confidence !== 'high');
  return [
    `Prices: ${prices.region} public on-demand list prices as of ${prices.asOf}, transcribed offline and ` +
      `${prices.checkedOn ? `checked on ${prices.checkedOn}` : 'NOT checked against the live pages'} ` +
      `(infra/cost/prices.ts has the source of each). Check before relying on them; the least certain:`,
    ...unsure
      .filter(({ price }) => price.confidence === 'low')
      .map(({ name, price }) => `  ${name}: $${price.usd} per ${price.unit}${price.note ? ` — ${price.note}` : ''}`),
    `  (${unsure.filter(({ price }) => price.confidence === 'medium').length} more are medium confidence)`,
  ].join('\n');
}
