/**
 * The unit prices the cost estimator uses: public on-demand LIST prices for ONE region, eu-west-1 (Europe,
 * Ireland) — the region of every stage in infra/config/stages.ts. The estimator refuses a stage in another
 * region. CloudFront is priced by edge location, not by region: its Europe edge prices are used (viewers in
 * Europe). All prices in USD, excluding tax, no Savings Plans / Reserved Instances / private pricing.
 *
 * HOW THESE WERE OBTAINED — read before relying on any number:
 * they were transcribed WITHOUT network access, from the public AWS pricing pages (`source` of each item) as
 * the author knew them; the values reflect those pages around `asOf`. They have not been re-checked against the
 * live pages. `confidence` says how sure the transcription is ('high': a well-known figure, same in many regions;
 * 'medium': the eu-west-1 figure as remembered; 'low': a guess from the us-east-1 figure and the usual Ireland
 * uplift). Check every item against its page (or the AWS Price List API) before quoting the estimate, then update
 * `asOf`, `checkedOn` and the confidences.
 */
export type Confidence = 'high' | 'medium' | 'low';

/** From `from` units (within the month) on, the price is `usd` per `per` units. */
export interface Tier {
  from: number;
  usd: number;
}

export interface Price {
  /** USD per `per` units (the first tier when the price is tiered). */
  usd: number;
  per: number;
  /** The unit `usd` is per, for display: "GB-second", "1M requests", "hour". */
  unit: string;
  /** Cheaper tiers beyond the first, in ascending `from` (units per month). */
  over?: readonly Tier[];
  source: string;
  confidence: Confidence;
  note?: string;
}

/** The table's shape: one named price per billed dimension the estimator uses. */
export interface PriceTable {
  region: string;
  asOf: string;
  checkedOn: string | null;
  lambda: Prices<'requests' | 'durationArm' | 'provisionedConcurrencyArm' | 'provisionedDurationArm'>;
  apiGateway: Prices<'httpRequests'>;
  aurora: Prices<'acuHour' | 'storageGbMonth' | 'ioRequests' | 'backupGbMonth' | 'dataApiRequests'>;
  s3: Prices<'storageGbMonth' | 'putRequests' | 'getRequests'>;
  dataTransfer: Prices<'internetOutGb'>;
  cloudFront: Prices<'dataOutGbEurope' | 'httpsRequestsEurope'>;
  secretsManager: Prices<'secretMonth' | 'apiCalls'>;
  sqs: Prices<'requests'>;
  logs: Prices<'ingestionGb' | 'storageGbMonth'>;
  cloudWatch: Prices<'alarmMonth' | 'dashboardMonth' | 'customMetricMonth'>;
  network: Prices<
    'interfaceEndpointHour' | 'interfaceEndpointGb' | 'natGatewayHour' | 'natGatewayGb' | 'publicIpv4Hour'
  >;
  baseline: Prices<
    | 'ec2T4gMediumHour'
    | 'ebsGp3GbMonth'
    | 'rdsT4gMediumSingleAzHour'
    | 'rdsT4gMediumMultiAzHour'
    | 'rdsGp3SingleAzGbMonth'
    | 'rdsGp3MultiAzGbMonth'
    | 'rdsBackupGbMonth'
    | 'albHour'
    | 'albLcuHour'
  >;
  freeTier: Readonly<{
    source: string;
    lambdaRequests: number;
    lambdaGbSeconds: number;
    sqsRequests: number;
    cloudFrontGb: number;
    cloudFrontRequests: number;
    logsGb: number;
    internetOutGb: number;
    alarms: number;
    dashboards: number;
    customMetrics: number;
  }>;
}

type Prices<K extends string> = Readonly<Record<K, Price>>;

/** 1 TB in the GB that AWS data-transfer tiers count in. */
const TB = 1024;

const url = {
  lambda: 'https://aws.amazon.com/lambda/pricing/',
  apiGateway: 'https://aws.amazon.com/api-gateway/pricing/',
  aurora: 'https://aws.amazon.com/rds/aurora/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  dataTransfer: 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer',
  cloudFront: 'https://aws.amazon.com/cloudfront/pricing/',
  secrets: 'https://aws.amazon.com/secrets-manager/pricing/',
  sqs: 'https://aws.amazon.com/sqs/pricing/',
  cloudWatch: 'https://aws.amazon.com/cloudwatch/pricing/',
  privateLink: 'https://aws.amazon.com/privatelink/pricing/',
  vpc: 'https://aws.amazon.com/vpc/pricing/',
  ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
  ebs: 'https://aws.amazon.com/ebs/pricing/',
  rds: 'https://aws.amazon.com/rds/postgresql/pricing/',
  elb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  freeTier: 'https://aws.amazon.com/free/',
} as const;

export const prices: PriceTable = {
  region: 'eu-west-1',
  /** The state of the pricing pages the values reflect (see the note at the top). */
  asOf: '2025-01',
  /** When they were last compared with the live pages: never (transcribed offline on 2026-11-25). */
  checkedOn: null,

  lambda: {
    requests: { usd: 0.2, per: 1_000_000, unit: '1M requests', source: url.lambda, confidence: 'high' },
    /** arm64 on-demand duration; tiers are per account per region per month. */
    durationArm: {
      usd: 0.0000133334,
      per: 1,
      unit: 'GB-second',
      over: [
        { from: 7_500_000_000, usd: 0.0000120001 },
        { from: 18_750_000_000, usd: 0.0000106667 },
      ],
      source: url.lambda,
      confidence: 'high',
      note: 'Since 2025-08 the INIT phase of on-demand functions is billed as duration too.',
    },
    provisionedConcurrencyArm: {
      usd: 0.0000033334,
      per: 1,
      unit: 'GB-second',
      source: url.lambda,
      confidence: 'medium',
      note: 'Charged for the configured concurrency × memory for as long as it is enabled (5-minute minimum).',
    },
    provisionedDurationArm: {
      usd: 0.0000077778,
      per: 1,
      unit: 'GB-second',
      source: url.lambda,
      confidence: 'medium',
      note: 'Duration of invocations that run on provisioned environments; requests are still $0.20 per 1M.',
    },
  },

  apiGateway: {
    httpRequests: {
      usd: 1.11,
      per: 1_000_000,
      unit: '1M requests',
      over: [{ from: 300_000_000, usd: 1.0 }],
      source: url.apiGateway,
      confidence: 'medium',
      note: 'HTTP API; us-east-1 is $1.00 then $0.90. Metered in 512 KB increments.',
    },
  },

  aurora: {
    /** Aurora Serverless v2, Aurora Standard storage configuration (PostgreSQL-compatible). */
    acuHour: {
      usd: 0.13,
      per: 1,
      unit: 'ACU-hour',
      source: url.aurora,
      confidence: 'low',
      note: 'us-east-1 is $0.12; the Ireland figure may be $0.13 or $0.14 — check.',
    },
    storageGbMonth: { usd: 0.11, per: 1, unit: 'GB-month', source: url.aurora, confidence: 'medium' },
    ioRequests: { usd: 0.22, per: 1_000_000, unit: '1M I/O requests', source: url.aurora, confidence: 'medium' },
    backupGbMonth: {
      usd: 0.021,
      per: 1,
      unit: 'GB-month',
      source: url.aurora,
      confidence: 'medium',
      note: 'Backup storage up to 100% of the cluster volume (within the retention period) is free.',
    },
    dataApiRequests: {
      usd: 0.35,
      per: 1_000_000,
      unit: '1M API requests',
      over: [{ from: 1_000_000_000, usd: 0.2 }],
      source: url.aurora,
      confidence: 'low',
      note: 'RDS Data API; metered per request (payloads in 32 KB increments). Ireland figure not certain.',
    },
  },

  s3: {
    storageGbMonth: {
      usd: 0.023,
      per: 1,
      unit: 'GB-month',
      over: [{ from: 50 * TB, usd: 0.022 }],
      source: url.s3,
      confidence: 'high',
    },
    putRequests: { usd: 0.005, per: 1000, unit: '1,000 PUT requests', source: url.s3, confidence: 'high' },
    getRequests: { usd: 0.0004, per: 1000, unit: '1,000 GET requests', source: url.s3, confidence: 'high' },
  },

  dataTransfer: {
    /** Out from the region to the internet (S3, API Gateway, EC2, ALB). */
    internetOutGb: {
      usd: 0.09,
      per: 1,
      unit: 'GB',
      over: [
        { from: 10 * TB, usd: 0.085 },
        { from: 50 * TB, usd: 0.07 },
        { from: 150 * TB, usd: 0.05 },
      ],
      source: url.dataTransfer,
      confidence: 'high',
    },
  },

  cloudFront: {
    dataOutGbEurope: {
      usd: 0.085,
      per: 1,
      unit: 'GB',
      over: [
        { from: 10 * TB, usd: 0.08 },
        { from: 50 * TB, usd: 0.06 },
      ],
      source: url.cloudFront,
      confidence: 'high',
      note: 'Origin fetches from S3 / API Gateway are free.',
    },
    httpsRequestsEurope: {
      usd: 0.012,
      per: 10_000,
      unit: '10,000 HTTPS requests',
      source: url.cloudFront,
      confidence: 'high',
    },
  },

  secretsManager: {
    secretMonth: { usd: 0.4, per: 1, unit: 'secret-month', source: url.secrets, confidence: 'high' },
    apiCalls: { usd: 0.05, per: 10_000, unit: '10,000 API calls', source: url.secrets, confidence: 'high' },
  },

  sqs: {
    requests: {
      usd: 0.4,
      per: 1_000_000,
      unit: '1M requests',
      source: url.sqs,
      confidence: 'high',
      note: 'Standard queue; each 64 KB chunk of a payload is one request; empty receives count.',
    },
  },

  logs: {
    ingestionGb: { usd: 0.57, per: 1, unit: 'GB ingested', source: url.cloudWatch, confidence: 'medium' },
    storageGbMonth: {
      usd: 0.03,
      per: 1,
      unit: 'GB-month',
      source: url.cloudWatch,
      confidence: 'medium',
      note: 'Billed on the compressed size; the estimator uses the uncompressed size (an upper bound).',
    },
  },

  cloudWatch: {
    alarmMonth: {
      usd: 0.1,
      per: 1,
      unit: 'alarm-month',
      source: url.cloudWatch,
      confidence: 'high',
      note: 'Standard-resolution metric alarm (a percentile statistic included); prorated by the hour.',
    },
    dashboardMonth: { usd: 3, per: 1, unit: 'dashboard-month', source: url.cloudWatch, confidence: 'high' },
    customMetricMonth: {
      usd: 0.3,
      per: 1,
      unit: 'metric-month',
      source: url.cloudWatch,
      confidence: 'high',
      note: 'First 10,000 metrics; each name × dimension set, prorated by the hours it is emitted (EMF logs).',
    },
  },

  network: {
    interfaceEndpointHour: {
      usd: 0.011,
      per: 1,
      unit: 'endpoint-AZ-hour',
      source: url.privateLink,
      confidence: 'medium',
      note: 'us-east-1 is $0.01.',
    },
    interfaceEndpointGb: { usd: 0.01, per: 1, unit: 'GB processed', source: url.privateLink, confidence: 'medium' },
    natGatewayHour: {
      usd: 0.048,
      per: 1,
      unit: 'hour',
      source: url.vpc,
      confidence: 'medium',
      note: 'us-east-1 is $0.045.',
    },
    natGatewayGb: { usd: 0.048, per: 1, unit: 'GB processed', source: url.vpc, confidence: 'medium' },
    publicIpv4Hour: {
      usd: 0.005,
      per: 1,
      unit: 'address-hour',
      source: url.vpc,
      confidence: 'high',
      note: 'Every public IPv4 address (in use or not) since 2024-02: NAT EIP, EC2 public IP, ALB nodes.',
    },
  },

  /** The always-on EC2 + RDS equivalent. */
  baseline: {
    ec2T4gMediumHour: {
      usd: 0.0368,
      per: 1,
      unit: 'hour',
      source: url.ec2,
      confidence: 'medium',
      note: 'Linux; us-east-1 is $0.0336.',
    },
    ebsGp3GbMonth: {
      usd: 0.088,
      per: 1,
      unit: 'GB-month',
      source: url.ebs,
      confidence: 'medium',
      note: 'Includes the 3,000 IOPS / 125 MB/s baseline.',
    },
    rdsT4gMediumSingleAzHour: {
      usd: 0.072,
      per: 1,
      unit: 'hour',
      source: url.rds,
      confidence: 'low',
      note: 'PostgreSQL db.t4g.medium; us-east-1 is $0.065.',
    },
    rdsT4gMediumMultiAzHour: {
      usd: 0.144,
      per: 1,
      unit: 'hour',
      source: url.rds,
      confidence: 'low',
      note: 'Multi-AZ (one standby) is twice the Single-AZ rate.',
    },
    rdsGp3SingleAzGbMonth: { usd: 0.127, per: 1, unit: 'GB-month', source: url.rds, confidence: 'medium' },
    rdsGp3MultiAzGbMonth: { usd: 0.254, per: 1, unit: 'GB-month', source: url.rds, confidence: 'medium' },
    rdsBackupGbMonth: { usd: 0.095, per: 1, unit: 'GB-month', source: url.rds, confidence: 'low' },
    albHour: { usd: 0.0252, per: 1, unit: 'hour', source: url.elb, confidence: 'medium' },
    albLcuHour: { usd: 0.008, per: 1, unit: 'LCU-hour', source: url.elb, confidence: 'medium' },
  },

  /**
   * The ALWAYS-free allowances (not the 12-month trials: API Gateway's 1M calls, S3's 5 GB, EC2/RDS micro
   * hours are not included). Applied only with `--free-tier`: they are per account, so another workload in the
   * same account may already use them. Accounts created after 2025-07-15 get a credit-based free plan instead;
   * the always-free allowances below still apply to them.
   */
  freeTier: {
    source: url.freeTier,
    lambdaRequests: 1_000_000,
    /** On-demand duration only (not provisioned concurrency), x86 and arm64 together. */
    lambdaGbSeconds: 400_000,
    sqsRequests: 1_000_000,
    cloudFrontGb: 1 * TB,
    cloudFrontRequests: 10_000_000,
    /** Ingestion + storage + Logs Insights scans together; the estimator applies it to ingestion. */
    logsGb: 5,
    /** Data out to the internet, aggregated over all services and regions (CloudFront has its own 1 TB). */
    internetOutGb: 100,
    alarms: 10,
    dashboards: 3,
    customMetrics: 10,
  },
};

/** Every price with its dotted name, for listing (the CLI's "unsure prices" footnote, the README). */
export function listPrices(table: PriceTable = prices): { name: string; price: Price }[] {
  const groups = [
    'lambda',
    'apiGateway',
    'aurora',
    's3',
    'dataTransfer',
    'cloudFront',
    'secretsManager',
    'sqs',
    'logs',
    'cloudWatch',
    'network',
    'baseline',
  ] as const;
  return groups.flatMap((group) =>
    Object.entries(table[group] as Readonly<Record<string, Price>>).map(([key, price]) => ({
      name: `${group}.${key}`,
      price,
    })),
  );
}
