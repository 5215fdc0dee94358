import type { StageConfig } from '../config/stages.js';
import { estimateMonthlyCost, stageNetwork, type Estimate, type Network } from './estimate.js';
import { costOf, type MicroUsd } from './money.js';
import { prices as defaultPrices, type PriceTable } from './prices.js';
import { HOURS_PER_MONTH, type Workload } from './workload.js';

/**
 * The cost knobs of a stage (issue #20), each set one way or the other with everything else as the
 * stage configures it: the Aurora reader, provisioned concurrency (none, office hours, all month), the
 * interface endpoints' AZs, and the database access (pg from the VPC, or the Data API). Each setting is
 * a real configuration of infra/config/stages.ts that the CDK app builds.
 */
export interface KnobSetting {
  knob: string;
  setting: string;
  /** This is how the stage is configured now. */
  configured: boolean;
  stage: StageConfig;
}

export interface KnobRow extends KnobSetting {
  network: Network;
  estimate: Estimate;
  /** The estimate minus the stage as configured. */
  deltaMicroUsd: MicroUsd;
  /** The estimate ÷ the floor. */
  ratioToFloor: number;
}

/** What no configuration avoids: Lambda (all on demand), the HTTP API and the writer's minimum ACUs all month. */
export function floorMicroUsd(stage: StageConfig, workload: Workload, p: PriceTable = defaultPrices): MicroUsd {
  const bare: StageConfig = {
    ...stage,
    lambda: { ...stage.lambda, provisionedConcurrency: { standardApi: 0, authorizer: 0 } },
  };
  const e = estimateMonthlyCost(bare, workload, { prices: p });
  const pick = (name: string) => e.serverless.lines.find((l) => l.component === name)?.microUsd ?? 0;
  return (
    pick('Lambda requests') +
    pick('Lambda duration (on-demand)') +
    pick('API Gateway HTTP API') +
    costOf(stage.database.minCapacity * HOURS_PER_MONTH, p.aurora.acuHour)
  );
}

export function knobSettings(stage: StageConfig): KnobSetting[] {
  const pc = stage.lambda.provisionedConcurrency;
  const counts = pc.standardApi + pc.authorizer > 0 ? pc : { standardApi: 2, authorizer: 1 };
  const pcNow = pc.standardApi + pc.authorizer === 0 ? 'none' : (pc.schedule ?? 'always');
  const withPc = (schedule: 'none' | 'office-hours' | 'always'): StageConfig => ({
    ...stage,
    lambda: {
      ...stage.lambda,
      provisionedConcurrency:
        schedule === 'none' ? { standardApi: 0, authorizer: 0 } : { ...counts, schedule: schedule },
    },
  });
  const pcLabel = `${counts.standardApi} API + ${counts.authorizer} authorizer`;
  const pg = (azs: 1 | 2): StageConfig => ({
    ...stage,
    database: { ...stage.database, access: 'pg' },
    network: { ...stage.network, interfaceEndpointAzs: azs },
  });
  const access = stage.database.access;
  return [
    { knob: 'Aurora reader', setting: 'on', configured: stage.database.reader, stage: withReader(stage, true) },
    { knob: 'Aurora reader', setting: 'off', configured: !stage.database.reader, stage: withReader(stage, false) },
    { knob: 'Provisioned concurrency', setting: 'none', configured: pcNow === 'none', stage: withPc('none') },
    {
      knob: 'Provisioned concurrency',
      setting: `${pcLabel}, office hours (220 h)`,
      configured: pcNow === 'office-hours',
      stage: withPc('office-hours'),
    },
    {
      knob: 'Provisioned concurrency',
      setting: `${pcLabel}, all month (730 h)`,
      configured: pcNow === 'always',
      stage: withPc('always'),
    },
    {
      knob: 'Database access',
      setting: `pg from the VPC, endpoints in 1 AZ`,
      configured: access === 'pg' && stage.network.interfaceEndpointAzs === 1,
      stage: pg(1),
    },
    {
      knob: 'Database access',
      setting: `pg from the VPC, endpoints in 2 AZs`,
      configured: access === 'pg' && stage.network.interfaceEndpointAzs === 2,
      stage: pg(2),
    },
    {
      knob: 'Database access',
      setting: 'RDS Data API (no VPC functions, no endpoints)',
      configured: access === 'data-api',
      stage: { ...stage, database: { ...stage.database, access: 'data-api' } },
    },
    {
      knob: 'Together',
      setting: 'reader off, no provisioned concurrency, Data API',
      configured: !stage.database.reader && pcNow === 'none' && access === 'data-api',
      stage: {
        ...withPc('none'),
        database: { ...stage.database, reader: false, access: 'data-api' },
      },
    },
  ];
}

function withReader(stage: StageConfig, reader: boolean): StageConfig {
  return { ...stage, database: { ...stage.database, reader } };
}

/** Every knob setting priced for `workload`, with its difference to the stage as configured and its ratio to the floor. */
export function knobTable(stage: StageConfig, workload: Workload, p: PriceTable = defaultPrices): KnobRow[] {
  const base = estimateMonthlyCost(stage, workload, { prices: p });
  const floor = floorMicroUsd(stage, workload, p);
  return knobSettings(stage).map((s) => {
    const network = stageNetwork(s.stage);
    const estimate = estimateMonthlyCost(s.stage, workload, { prices: p, network });
    return {
      ...s,
      network,
      estimate,
      deltaMicroUsd: estimate.serverless.totalMicroUsd - base.serverless.totalMicroUsd,
      ratioToFloor: estimate.serverless.totalMicroUsd / floor,
    };
  });
}
