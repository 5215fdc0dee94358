import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { parseCron, toEventBridgeCron } from '../../src/platform/jobs/cron.js';
import type { StageConfig } from '../config/stages.js';

export interface AsyncWorkProps {
  stage: StageConfig;
  worker: lambda.IFunction;
  jobs: sqs.IQueue;
  deadLetters: sqs.IQueue;
  /** The module schedules (`src/app/jobs.ts`): name and five-field UTC cron. */
  schedules: readonly { name: string; cron: string }[];
}

/**
 * The AWS side of async work (docs/adr/0012): the worker re-sends jobs to the queue (a long job's next
 * invocation, a retry after its backoff), an EventBridge rule per module schedule and one for the
 * sweeper invoke it, and an alarm says when a message reached the dead-letter queue (a job that
 * failed for good, or a message the worker could not handle).
 */
export class AsyncWork extends Construct {
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly rules: events.Rule[] = [];

  constructor(scope: Construct, id: string, props: AsyncWorkProps) {
    super(scope, id);
    // Only what the worker does beyond consuming (which the event source grants): sending to its queue.
    props.jobs.grantSendMessages(props.worker);

    const sweeper = new events.Rule(this, 'Sweeper', {
      description: 'MOMS: dispatch outbox rows and jobs a crashed process left behind',
      schedule: events.Schedule.rate(Duration.minutes(props.stage.jobs.sweepMinutes)),
      targets: [
        new targets.LambdaFunction(props.worker, {
          event: events.RuleTargetInput.fromObject({ kind: 'sweep' }),
          retryAttempts: 2,
        }),
      ],
    });
    this.rules.push(sweeper);

    for (const schedule of props.schedules) {
      const rule = new events.Rule(this, `Schedule-${schedule.name}`, {
        description: `MOMS schedule ${schedule.name} (${schedule.cron}, UTC)`,
        schedule: events.Schedule.expression(toEventBridgeCron(parseCron(schedule.cron))),
        targets: [
          new targets.LambdaFunction(props.worker, {
            // The event's own time names the slot: a repeated delivery fires the same slot, done once.
            event: events.RuleTargetInput.fromObject({
              kind: 'schedule',
              schedule: schedule.name,
              time: events.EventField.time,
            }),
            retryAttempts: 8,
            maxEventAge: Duration.hours(2),
          }),
        ],
      });
      this.rules.push(rule);
    }

    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLetters', {
      alarmName: `moms-${props.stage.name}-jobs-dead-letters`,
      alarmDescription:
        'A job message reached the dead-letter queue: a job failed for good (see its error in the jobs API) or the worker could not handle a message.',
      metric: props.deadLetters.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
