/**
 * Everything that differs between dev, staging and prod, in one typed place. The CDK app and the
 * cost estimator both read it.
 */
export type StageName = 'dev' | 'staging' | 'prod';

export interface StageConfig {
  name: StageName;
  /** AWS region (the account comes from the operator's credentials at deploy time). */
  region: string;
  database: {
    /** Aurora Serverless v2 capacity in ACUs. 0 lets the cluster auto-pause. */
    minCapacity: number;
    maxCapacity: number;
    /** Seconds idle before auto-pause (only when minCapacity is 0; 300–86,400). */
    autoPauseSeconds?: number;
    /** A reader instance in a second AZ (prod). */
    reader: boolean;
    backupRetentionDays: number;
    deletionProtection: boolean;
    /** Storage the estimator assumes (GB-month). */
    expectedStorageGb: number;
  };
  lambda: {
    /** Memory of the API functions (MB). */
    apiMemoryMb: number;
    /** The authorizer verifies a signature and does no I/O: it needs little memory. */
    authorizerMemoryMb: number;
    workerMemoryMb: number;
    /** Provisioned concurrency on the standardApi alias and on the authorizer (0 = none). */
    provisionedConcurrency: { standardApi: number; authorizer: number };
    architecture: 'arm64';
  };
  api: {
    /** Steady-state requests per second and burst for the HTTP API's default stage. */
    throttleRate: number;
    throttleBurst: number;
    /** Origins allowed by CORS (the web app's). */
    corsOrigins: string[];
  };
  web: {
    /** Put CloudFront (with Origin Access Control) in front of the bucket, and the API under /api/*. */
    cloudFront: boolean;
  };
  network: {
    /**
     * Availability zones that get the VPC interface endpoints (Secrets Manager, SQS) the functions in
     * the VPC need. One is enough outside prod (endpoints bill per AZ-hour; docs/adr/0005).
     */
    interfaceEndpointAzs: 1 | 2;
  };
  /** Days CloudWatch keeps logs. */
  logRetentionDays: number;
}

export const stages: Record<StageName, StageConfig> = {
  dev: {
    name: 'dev',
    region: 'eu-west-1',
    database: {
      minCapacity: 0,
      maxCapacity: 2,
      autoPauseSeconds: 300,
      reader: false,
      backupRetentionDays: 1,
      deletionProtection: false,
      expectedStorageGb: 1,
    },
    lambda: {
      apiMemoryMb: 1024,
      authorizerMemoryMb: 512,
      workerMemoryMb: 2048,
      provisionedConcurrency: { standardApi: 0, authorizer: 0 },
      architecture: 'arm64',
    },
    api: { throttleRate: 50, throttleBurst: 100, corsOrigins: ['http://localhost:3000', 'http://localhost:5173'] },
    web: { cloudFront: false },
    network: { interfaceEndpointAzs: 1 },
    logRetentionDays: 7,
  },
  staging: {
    name: 'staging',
    region: 'eu-west-1',
    database: {
      minCapacity: 0,
      maxCapacity: 4,
      autoPauseSeconds: 1800,
      reader: false,
      backupRetentionDays: 7,
      deletionProtection: false,
      expectedStorageGb: 5,
    },
    lambda: {
      apiMemoryMb: 1024,
      authorizerMemoryMb: 512,
      workerMemoryMb: 2048,
      provisionedConcurrency: { standardApi: 0, authorizer: 0 },
      architecture: 'arm64',
    },
    api: { throttleRate: 200, throttleBurst: 400, corsOrigins: [] },
    web: { cloudFront: true },
    network: { interfaceEndpointAzs: 1 },
    logRetentionDays: 30,
  },
  prod: {
    name: 'prod',
    region: 'eu-west-1',
    database: {
      minCapacity: 0.5,
      maxCapacity: 16,
      reader: true,
      backupRetentionDays: 30,
      deletionProtection: true,
      expectedStorageGb: 20,
    },
    lambda: {
      apiMemoryMb: 1024,
      authorizerMemoryMb: 512,
      workerMemoryMb: 2048,
      provisionedConcurrency: { standardApi: 2, authorizer: 1 },
      architecture: 'arm64',
    },
    api: { throttleRate: 1000, throttleBurst: 2000, corsOrigins: [] },
    web: { cloudFront: true },
    network: { interfaceEndpointAzs: 2 },
    logRetentionDays: 365,
  },
};

export function stageConfig(name: string | undefined): StageConfig {
  const stage = stages[(name ?? 'dev') as StageName];
  if (!stage) throw new Error(`Unknown stage "${name}". Use one of: ${Object.keys(stages).join(', ')}.`);
  return stage;
}
