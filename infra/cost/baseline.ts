import type { StageConfig } from '../config/stages.js';
import { formatQuantity, line, noCharge, type LineItem } from './money.js';
import type { PriceTable } from './prices.js';
import { HOURS_PER_MONTH, type ResolvedWorkload } from './workload.js';

/** gp3 volume of the app server. */
export const EBS_GB = 30;
/** RDS gp3 storage has a 20 GB minimum. */
export const RDS_MIN_GB = 20;
/** Public IPv4 addresses: the EC2 instance's and one per ALB node (2 AZs). */
export const BASELINE_PUBLIC_IPS = 3;
/** One ALB LCU: 25 new connections a second, or 1 GB an hour processed (EC2 targets). */
const LCU_NEW_CONNECTIONS_PER_SECOND = 25;
const LCU_GB_PER_HOUR = 1;

/**
 * The always-on equivalent of the same workload: one t4g.medium EC2 instance (on-demand, 730 h, 30 GB gp3,
 * serving the API and the web app) behind an Application Load Balancer, and RDS for PostgreSQL db.t4g.medium —
 * Single-AZ, or Multi-AZ when the stage has an Aurora reader (prod) — with gp3 storage. Everything bills 730 h
 * whatever the traffic; only LCUs and data transfer follow it. Lenient to the baseline: one app server even in
 * prod (no HA app tier), no logs, no secrets store, no NAT.
 */
export function baselineLines(
  stage: StageConfig,
  w: ResolvedWorkload,
  freeTier: boolean,
  backupGb: number,
  p: PriceTable,
): LineItem[] {
  const b = p.baseline;
  const multiAz = stage.database.reader;
  const rdsGb = Math.max(RDS_MIN_GB, stage.database.expectedStorageGb);
  const lines: LineItem[] = [
    line('EC2 t4g.medium (app server)', HOURS_PER_MONTH, 'h', b.ec2T4gMediumHour),
    line('EBS gp3 (app server disk)', EBS_GB, 'GB-month', b.ebsGp3GbMonth),
    line(
      `RDS PostgreSQL db.t4g.medium ${multiAz ? 'Multi-AZ' : 'Single-AZ'}`,
      HOURS_PER_MONTH,
      'h',
      multiAz ? b.rdsT4gMediumMultiAzHour : b.rdsT4gMediumSingleAzHour,
    ),
    line(
      'RDS gp3 storage',
      rdsGb,
      'GB-month',
      multiAz ? b.rdsGp3MultiAzGbMonth : b.rdsGp3SingleAzGbMonth,
      `max(${RDS_MIN_GB} GB minimum, ${stage.database.expectedStorageGb} GB expected)`,
    ),
    backupGb > 0
      ? line('RDS backup beyond free', backupGb, 'GB-month', b.rdsBackupGbMonth, 'same changed data as Aurora')
      : noCharge('RDS backup beyond free', 'within the free allowance (100% of the storage)'),
    line('Application Load Balancer', HOURS_PER_MONTH, 'h', b.albHour),
    line('ALB capacity units', lcuHours(w), 'LCU-h', b.albLcuHour, lcuExplain(w)),
    line(
      'Public IPv4 addresses',
      BASELINE_PUBLIC_IPS * HOURS_PER_MONTH,
      'address-h',
      p.network.publicIpv4Hour,
      `${BASELINE_PUBLIC_IPS} addresses (EC2 + 2 ALB nodes) × 730 h`,
    ),
  ];
  const billedOut = freeTier ? Math.max(0, w.dataOutGb - p.freeTier.internetOutGb) : w.dataOutGb;
  lines.push(
    line(
      'Data transfer out to the internet',
      billedOut,
      'GB',
      p.dataTransfer.internetOutGb,
      `${formatQuantity(w.dataOutGb)} GB API responses + web assets` +
        (freeTier ? ` − ${p.freeTier.internetOutGb} GB free` : ''),
    ),
  );
  return lines;
}

/** LCU-hours: traffic spread over the active hours; the larger of the connection and bytes dimensions. */
export function lcuHours(w: ResolvedWorkload): number {
  if (w.activeHours === 0) return 0;
  const perSecond = w.requestsPerMonth / (w.activeHours * 3600);
  const gbPerHour = w.dataOutGb / w.activeHours;
  return Math.max(perSecond / LCU_NEW_CONNECTIONS_PER_SECOND, gbPerHour / LCU_GB_PER_HOUR) * w.activeHours;
}

function lcuExplain(w: ResolvedWorkload): string {
  if (w.activeHours === 0) return 'no traffic';
  return `max(${formatQuantity(w.requestsPerMonth / (w.activeHours * 3600))} new conn/s ÷ 25, ${formatQuantity(
    w.dataOutGb / w.activeHours,
  )} GB/h ÷ 1) × ${formatQuantity(w.activeHours)} active h`;
}
