import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { stages } from './config/stages.js';
import { AsyncWork } from './constructs/async-work.js';
import { MomsStack } from './moms-stack.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;
const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);

function stackTemplate(stage: 'dev' | 'prod') {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return Template.fromStack(new MomsStack(app, `Moms-${stage}`, { stage: stages[stage] }));
}

describe.each(['dev', 'prod'] as const)('async work in the %s stack', (stage) => {
  const template = stackTemplate(stage);
  const resources = template.toJSON().Resources as Resources;
  const [workerId] = ofType(resources, 'AWS::Lambda::Function').find(([, r]) =>
    String(JSON.stringify(r.Properties.FunctionName)).endsWith('-worker"'),
  )!;
  const [queueId] = ofType(resources, 'AWS::SQS::Queue').find(([id]) => id.startsWith('Jobs') && !id.includes('Dead'))!;
  const [deadId] = ofType(resources, 'AWS::SQS::Queue').find(([id]) => id.startsWith('JobsDeadLetters'))!;

  it('sweeps on the stage’s interval by invoking the worker with {"kind":"sweep"}', () => {
    // dev: every 6 hours (each sweep wakes its paused Aurora for 5 minutes; infra/cost); prod: every 5 minutes.
    expect(stages[stage].jobs.sweepMinutes).toBe(stage === 'dev' ? 360 : 5);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: stage === 'dev' ? 'rate(6 hours)' : 'rate(5 minutes)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [workerId, 'Arn'] }, Input: JSON.stringify({ kind: 'sweep' }) }),
      ],
    });
    // EventBridge may invoke the worker for that rule only.
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [workerId, 'Arn'] },
      SourceArn: Match.anyValue(),
    });
  });

  it('alarms as soon as a message reaches the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [deadId, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });

  it('lets the worker send to the job queue only (its next invocations and retries), never to the dead letters', () => {
    const roleRef = JSON.stringify(
      (resources[workerId]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0],
    );
    const statements = ofType(resources, 'AWS::IAM::Policy')
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleRef))
      .flatMap(
        ([, p]) =>
          (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
      );
    const sends = statements.filter((s) => [s.Action].flat().includes('sqs:SendMessage'));
    expect(sends.length).toBeGreaterThan(0);
    for (const s of sends) expect(JSON.stringify(s.Resource)).toBe(JSON.stringify({ 'Fn::GetAtt': [queueId, 'Arn'] }));
    expect(JSON.stringify(statements).includes(deadId)).toBe(false);
  });

  it('tells the worker where to send (JOB_QUEUE_URL)', () => {
    const env = (resources[workerId]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(env.JOB_QUEUE_URL).toEqual({ Ref: queueId });
  });
});

describe('module schedules', () => {
  it('become EventBridge rules in UTC cron that hand the worker the schedule and the event time (the slot)', () => {
    const stack = new Stack(new App(), 'Schedules');
    const worker = new lambda.Function(stack, 'Worker', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('export const handler = async () => ({});'),
    });
    const deadLetters = new sqs.Queue(stack, 'Dead');
    const jobs = new sqs.Queue(stack, 'Jobs', { deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 } });
    new AsyncWork(stack, 'AsyncWork', {
      stage: stages.dev,
      worker,
      jobs,
      deadLetters,
      schedules: [
        { name: 'analytics.nightly-snapshot', cron: '30 2 * * *' },
        { name: 'finance.weekday-report', cron: '0 6 * * 1-5' },
      ],
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Events::Rule', 3);
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(30 2 * * ? *)',
      Targets: [
        Match.objectLike({
          InputTransformer: {
            InputPathsMap: { time: '$.time' },
            InputTemplate: '{"kind":"schedule","schedule":"analytics.nightly-snapshot","time":<time>}',
          },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 6 ? * 2,3,4,5,6 *)' });
  });
});
