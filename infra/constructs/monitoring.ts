import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';

export interface MonitoringProps {
  stage: StageConfig;
  httpApi: apigw.HttpApi;
  /** Every function, by its MOMS name (standardApi, worker, …). */
  functions: Record<string, lambda.IFunction>;
  cluster: rds.DatabaseCluster;
  /** Alarms made elsewhere (the dead-letter queue's) that should notify the same topic. */
  alarms?: cloudwatch.Alarm[];
}

/**
 * What an operator watches (issue #20): one SNS topic every alarm notifies (with the stage's e-mail
 * subscribed when it has one), alarms on what users feel — API 5xx and latency, function errors and
 * throttles — and on the database's capacity and connections, and one dashboard with the same. Alarms
 * cost $0.10 a month each; the cost estimator counts them.
 */
export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard | undefined;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { stage } = props;
    const name = (what: string) => `moms-${stage.name}-${what}`;
    this.topic = new sns.Topic(this, 'Alarms', {
      topicName: name('alarms'),
      displayName: `MOMS ${stage.name} alarms`,
      enforceSSL: true,
    });
    if (stage.monitoring.alarmEmail) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(stage.monitoring.alarmEmail));
    }
    const notify = new actions.SnsAction(this.topic);
    const alarm = (
      id: string,
      metric: cloudwatch.IMetric,
      options: { threshold: number; description: string; periods?: number; missing?: cloudwatch.TreatMissingData },
    ) => {
      const created = new cloudwatch.Alarm(this, id, {
        alarmName: name(id.replace(/[A-Z]/g, (c, i: number) => (i === 0 ? c.toLowerCase() : `-${c.toLowerCase()}`))),
        alarmDescription: options.description,
        metric,
        threshold: options.threshold,
        evaluationPeriods: options.periods ?? 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: options.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(notify);
      created.addOkAction(notify);
      this.alarms.push(created);
      return created;
    };
    const fiveMinutes = Duration.minutes(5);

    // What users feel.
    const serverErrors = props.httpApi.metricServerError({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM });
    alarm('ApiServerErrors', serverErrors, {
      threshold: stage.monitoring.api5xxPerFiveMinutes,
      description: 'The API answered 5xx: a function failed or timed out. Its logs say which request.',
    });
    const latency = props.httpApi.metricLatency({ period: fiveMinutes, statistic: cloudwatch.Stats.percentile(99) });
    alarm('ApiLatency', latency, {
      threshold: stage.monitoring.apiP99Ms,
      periods: 3,
      description: `The API's p99 latency stayed above ${stage.monitoring.apiP99Ms} ms for 15 minutes.`,
    });

    // Every function: errors and throttles — one alarm each, or (dev) one for all the account's.
    const errorMetrics: cloudwatch.IMetric[] = [];
    if (!stage.monitoring.perFunctionAlarms) {
      const accountWide = (metricName: string) =>
        new cloudwatch.Metric({
          namespace: 'AWS/Lambda',
          metricName,
          period: fiveMinutes,
          statistic: cloudwatch.Stats.SUM,
        });
      errorMetrics.push(accountWide('Errors'));
      alarm('FunctionErrors', errorMetrics[0]!, {
        threshold: 1,
        description: 'A function threw or timed out (an API 5xx, or a job retried); its log group says which.',
      });
      alarm('FunctionThrottles', accountWide('Throttles'), {
        threshold: 1,
        description: "A function was throttled: the account's concurrency quota is reached.",
      });
    }
    for (const [fnName, fn] of stage.monitoring.perFunctionAlarms ? Object.entries(props.functions) : []) {
      const Name = fnName.charAt(0).toUpperCase() + fnName.slice(1);
      const errors = fn.metricErrors({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM });
      errorMetrics.push(errors);
      alarm(`${Name}Errors`, errors, {
        threshold: 1,
        description: `${fnName} threw or timed out (an API 5xx, or a job retried).`,
      });
      alarm(`${Name}Throttles`, fn.metricThrottles({ period: fiveMinutes, statistic: cloudwatch.Stats.SUM }), {
        threshold: 1,
        description: `${fnName} was throttled: its reserved concurrency or the account's limit is reached.`,
      });
    }

    // The database: capacity near its ceiling, connections near what it accepts.
    const capacity = props.cluster.metricACUUtilization({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM });
    alarm('DatabaseCapacity', capacity, {
      threshold: 90,
      periods: 3,
      description: `Aurora used over 90% of its maximum ${stage.database.maxCapacity} ACU for 15 minutes: raise maxCapacity.`,
    });
    const connections = props.cluster.metricDatabaseConnections({
      period: fiveMinutes,
      statistic: cloudwatch.Stats.MAXIMUM,
    });
    const limit = auroraMaxConnections(stage.database.maxCapacity);
    alarm('DatabaseConnections', connections, {
      threshold: Math.floor(limit * 0.8),
      description: `Database connections passed 80% of the ${limit} the cluster accepts at ${stage.database.maxCapacity} ACU.`,
    });

    for (const other of props.alarms ?? []) {
      other.addAlarmAction(notify);
      other.addOkAction(notify);
    }

    if (!stage.monitoring.dashboard) return;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: name('overview'),
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests and 5xx',
        left: [props.httpApi.metricCount({ period: fiveMinutes })],
        right: [serverErrors],
      }),
      new cloudwatch.GraphWidget({ title: 'API latency p99 (ms)', left: [latency] }),
      new cloudwatch.GraphWidget({ title: 'Function errors', left: errorMetrics }),
      new cloudwatch.GraphWidget({
        title: 'Aurora ACU utilization (%) and connections',
        left: [capacity],
        right: [connections],
      }),
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...this.alarms, ...(props.alarms ?? [])] }),
    );
  }
}

/**
 * Aurora PostgreSQL's default `max_connections` at a Serverless v2 capacity: LEAST(memory / 9,531,392,
 * 5000), with 2 GiB of memory per ACU — at the cluster's maximum ACU, which is what the parameter
 * follows.
 */
export function auroraMaxConnections(maxAcu: number): number {
  return Math.min(Math.floor((maxAcu * 2 * 1024 ** 3) / 9_531_392), 5000);
}
