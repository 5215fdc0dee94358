import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stages, type StageName } from './config/stages.js';
import { auroraMaxConnections } from './constructs/monitoring.js';
import { MomsStack } from './moms-stack.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function synth(stage: StageName): Resources {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MomsStack(app, `Moms-monitoring-${stage}`, { stage: stages[stage] });
  return Template.fromStack(stack).toJSON().Resources as Resources;
}

const ofType = (resources: Resources, type: string) => Object.values(resources).filter((r) => r.Type === type);

/** An alarm's metric as `namespace/metric`, with its dimension values (logical ids) as JSON. */
const describeAlarm = (a: Resources[string]) => ({
  metric: `${String(a.Properties.Namespace)}/${String(a.Properties.MetricName)}`,
  dimensions: JSON.stringify(a.Properties.Dimensions ?? []),
  actions: JSON.stringify(a.Properties.AlarmActions ?? []),
});

describe.each(['dev', 'prod'] as const)('monitoring of the %s stage (issue #20)', (stage) => {
  const resources = synth(stage);
  const alarms = ofType(resources, 'AWS::CloudWatch::Alarm').map(describeAlarm);
  const topics = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::SNS::Topic');

  it('has an alarm for API 5xx and latency, each function’s errors and throttles, the database and the DLQ', () => {
    const metrics = alarms.map((a) => a.metric);
    expect(metrics).toEqual(
      expect.arrayContaining([
        'AWS/ApiGateway/5xx',
        'AWS/ApiGateway/Latency',
        'AWS/RDS/ACUUtilization',
        'AWS/RDS/DatabaseConnections',
        'AWS/SQS/ApproximateNumberOfMessagesVisible',
      ]),
    );
    for (const metric of ['AWS/Lambda/Errors', 'AWS/Lambda/Throttles']) {
      if (!stages[stage].monitoring.perFunctionAlarms) {
        // dev: one alarm for all the account's functions (no dimensions)
        expect(alarms.filter((a) => a.metric === metric).map((a) => a.dimensions)).toEqual(['[]']);
        continue;
      }
      for (const fn of ['standardApi', 'containerizedApi', 'authorizer', 'worker', 'migrations', 'collectstatic']) {
        expect(
          alarms.some((a) => a.metric === metric && a.dimensions.includes(`Functions${fn}`)),
          `${metric} of ${fn}`,
        ).toBe(true);
      }
    }
  });

  it('sends every alarm to one SNS topic, and has a dashboard where the stage wants one', () => {
    expect(topics).toHaveLength(1);
    const [topicId] = topics[0]!;
    for (const a of alarms) expect(a.actions, a.metric).toContain(topicId);
    expect(ofType(resources, 'AWS::CloudWatch::Dashboard')).toHaveLength(stages[stage].monitoring.dashboard ? 1 : 0);
    // dev stays within the free tier's 10 alarms.
    if (stage === 'dev') expect(alarms.length).toBeLessThanOrEqual(10);
  });

  it('raises the connections alarm below what the cluster accepts at its maximum capacity', () => {
    const connections = ofType(resources, 'AWS::CloudWatch::Alarm').find(
      (a) => a.Properties.MetricName === 'DatabaseConnections',
    )!;
    const limit = auroraMaxConnections(stages[stage].database.maxCapacity);
    expect(connections.Properties.Threshold).toBeLessThan(limit);
    expect(connections.Properties.Threshold).toBeGreaterThan(limit / 2);
  });
});

describe.each(['staging', 'prod'] as const)('the %s stage’s connection budget (issue #20)', (stage) => {
  const resources = synth(stage);
  const functions = ofType(resources, 'AWS::Lambda::Function');

  it('cannot open more connections than Aurora accepts at its maximum capacity', () => {
    // Every function that reaches the database (it has a DB secret) holds at most DB_POOL_MAX connections.
    let budget = 0;
    for (const fn of functions) {
      const env = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      if (!('DB_SECRET_ARN' in env)) continue;
      const reserved = fn.Properties.ReservedConcurrentExecutions;
      const name = JSON.stringify(fn.Properties.FunctionName);
      // migrations runs once per deploy (a trigger), everything else must have a ceiling.
      if (name.includes('-migrations')) {
        budget += Number(env.DB_POOL_MAX);
        continue;
      }
      expect(reserved, `${name} has reserved concurrency`).toEqual(expect.any(Number));
      budget += (reserved as number) * Number(env.DB_POOL_MAX);
    }
    const limit = auroraMaxConnections(stages[stage].database.maxCapacity);
    expect(budget).toBeGreaterThan(0);
    // The alarm fires at 80%: the functions alone stay below it (the rest is for operators and tools).
    expect(budget).toBeLessThan(limit * 0.8);
  });

  it('runs one job per worker invocation, no more at once than the worker may run', () => {
    const [mapping] = ofType(resources, 'AWS::Lambda::EventSourceMapping');
    expect(mapping!.Properties.BatchSize).toBe(1);
    const max = (mapping!.Properties.ScalingConfig as { MaximumConcurrency: number }).MaximumConcurrency;
    expect(max).toBe(stages[stage].lambda.workerMaxConcurrency);
    expect(max).toBeLessThanOrEqual(stages[stage].lambda.reservedConcurrency!.worker);
  });
});

describe('Aurora’s max_connections at a capacity', () => {
  it('follows memory (2 GiB per ACU) up to 5000', () => {
    expect(auroraMaxConnections(1)).toBe(225);
    expect(auroraMaxConnections(16)).toBe(3604);
    expect(auroraMaxConnections(128)).toBe(5000);
  });
});
