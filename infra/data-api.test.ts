import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stages, type StageConfig, type StageName } from './config/stages.js';
import { MomsStack } from './moms-stack.js';
import { stackEnv } from './stack-env.js';
import { estimateMonthlyCost, stackAlarms } from './cost/estimate.js';
import { stackSecrets } from './cost/workload.js';

/**
 * Issue #20: the database access per stage (dev and staging on the RDS Data API, outside the VPC, no
 * interface endpoints; prod on pg from the VPC), least privilege for the Data API, and the estimator's
 * counts (secrets, alarms, the dashboard, X-Ray, the region) checked against what the stack creates.
 */
type Resource = { Type: string; Properties: Record<string, unknown> };

function synth(stage: StageConfig, env = false) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MomsStack(app, `Moms-${stage.name}`, { stage, ...(env ? { env: stackEnv(stage) } : {}) });
  const template = Template.fromStack(stack);
  return { stack, template, resources: template.toJSON().Resources as Record<string, Resource> };
}

const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type);

const built = Object.fromEntries((['dev', 'staging', 'prod'] as const).map((s) => [s, synth(stages[s])])) as Record<
  StageName,
  ReturnType<typeof synth>
>;

/** The DB-facing functions (those with DB_SECRET_ARN), by the end of their name. */
function dbFunctions(resources: Record<string, Resource>) {
  return ofType(resources, 'AWS::Lambda::Function').filter(([, fn]) => {
    const env = (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    return 'DB_SECRET_ARN' in env;
  });
}

/** Every policy statement attached to a function's role. */
function statementsOf(resources: Record<string, Resource>, fn: Resource) {
  const role = JSON.stringify((fn.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
  return ofType(resources, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(role))
    .flatMap(
      ([, p]) =>
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
    );
}

const clusterId = (resources: Record<string, Resource>) => ofType(resources, 'AWS::RDS::DBCluster')[0]![0];

describe.each(['dev', 'staging'] as const)('the %s stage on the RDS Data API', (stage) => {
  const { resources } = built[stage];

  it('enables the Data API on the cluster', () => {
    expect(stages[stage].database.access).toBe('data-api');
    const [, cluster] = ofType(resources, 'AWS::RDS::DBCluster')[0]!;
    expect(cluster.Properties.EnableHttpEndpoint).toBe(true);
  });

  it('runs no function in the VPC and has no interface endpoint (nothing in the VPC calls AWS APIs)', () => {
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
      expect(fn.Properties.VpcConfig, id).toBeUndefined();
    }
    const interfaces = ofType(resources, 'AWS::EC2::VPCEndpoint').filter(
      ([, e]) => e.Properties.VpcEndpointType === 'Interface',
    );
    expect(interfaces).toEqual([]);
  });

  it('tells each database function to use the Data API on this cluster, as the app role (migrations: master)', () => {
    const fns = dbFunctions(resources);
    expect(fns.length).toBe(4); // standardApi, containerizedApi, worker, migrations
    for (const [id, fn] of fns) {
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.DB_ACCESS, id).toBe('data-api');
      expect(env.DB_CLUSTER_ARN, id).toEqual(expect.objectContaining({ 'Fn::Join': expect.any(Array) }));
      expect(JSON.stringify(env.DB_CLUSTER_ARN)).toContain(clusterId(resources));
      const secret = JSON.stringify(env.DB_SECRET_ARN);
      const migrations = JSON.stringify(fn.Properties.FunctionName).includes('-migrations');
      expect(secret, id).toContain(migrations ? 'DatabaseClusterSecretAttachment' : 'DatabaseAppUser');
    }
  });

  it('grants exactly the four Data API calls, on this cluster only, and reading only the function’s own secret', () => {
    for (const [id, fn] of dbFunctions(resources)) {
      const rdsData = statementsOf(resources, fn).filter((s) => JSON.stringify(s.Action).includes('rds-data:'));
      expect(rdsData, id).toHaveLength(1);
      expect([rdsData[0]!.Action].flat().sort()).toEqual([
        'rds-data:BeginTransaction',
        'rds-data:CommitTransaction',
        'rds-data:ExecuteStatement',
        'rds-data:RollbackTransaction',
      ]);
      expect(JSON.stringify(rdsData[0]!.Resource)).toContain(clusterId(resources));
      expect(JSON.stringify(rdsData[0]!.Resource)).not.toContain('*');
      const secretReads = statementsOf(resources, fn).filter((s) =>
        JSON.stringify(s.Action).includes('secretsmanager:GetSecretValue'),
      );
      const migrations = JSON.stringify(fn.Properties.FunctionName).includes('-migrations');
      const read = JSON.stringify(secretReads.map((s) => s.Resource));
      expect(read).toContain('DatabaseAppUser');
      // Only migrations reads the master secret.
      expect(read.includes('DatabaseClusterSecretAttachment') || read.includes('DatabaseClusterSecret'), id).toBe(
        migrations,
      );
    }
    // No function outside the database ones may use the Data API.
    const others = ofType(resources, 'AWS::Lambda::Function').filter(
      ([id]) => !dbFunctions(resources).some(([d]) => d === id),
    );
    for (const [id, fn] of others) {
      expect(JSON.stringify(statementsOf(resources, fn)), id).not.toContain('rds-data:');
    }
  });
});

describe('the prod stage on pg from the VPC', () => {
  const { resources } = built.prod;

  it('keeps the Data API off, the database functions in the VPC, endpoints in 2 AZs, and grants no rds-data', () => {
    expect(stages.prod.database.access).toBe('pg');
    const [, cluster] = ofType(resources, 'AWS::RDS::DBCluster')[0]!;
    expect(cluster.Properties.EnableHttpEndpoint ?? false).toBe(false);
    for (const [id, fn] of dbFunctions(resources)) {
      expect(fn.Properties.VpcConfig, id).toBeDefined();
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(env.DB_ACCESS, id).toBeUndefined();
    }
    const interfaces = ofType(resources, 'AWS::EC2::VPCEndpoint').filter(
      ([, e]) => e.Properties.VpcEndpointType === 'Interface',
    );
    expect(interfaces).toHaveLength(2); // Secrets Manager, SQS
    for (const [, e] of interfaces) expect((e.Properties.SubnetIds as unknown[]).length).toBe(2);
    expect(JSON.stringify(ofType(resources, 'AWS::IAM::Policy'))).not.toContain('rds-data:');
  });

  it('with office-hours provisioned concurrency: the aliases scale to it on weekday mornings and to 0 in the evening', () => {
    const office = synth({
      ...stages.prod,
      lambda: {
        ...stages.prod.lambda,
        provisionedConcurrency: { standardApi: 2, authorizer: 1, schedule: 'office-hours' },
      },
    });
    const targets = ofType(office.resources, 'AWS::ApplicationAutoScaling::ScalableTarget');
    expect(targets).toHaveLength(2);
    for (const [, target] of targets) {
      expect(target.Properties.ScalableDimension).toBe('lambda:function:ProvisionedConcurrency');
      const actions = target.Properties.ScheduledActions as {
        Schedule: string;
        ScalableTargetAction: { MinCapacity: number };
      }[];
      expect(actions.map((a) => a.Schedule).sort()).toEqual(['cron(0 17 ? * MON-FRI *)', 'cron(0 7 ? * MON-FRI *)']);
      expect(actions.find((a) => a.Schedule.includes(' 17 '))!.ScalableTargetAction.MinCapacity).toBe(0);
    }
    // As configured (all month), there is none.
    expect(ofType(resources, 'AWS::ApplicationAutoScaling::ScalableTarget')).toEqual([]);
  });
});

describe.each(['dev', 'staging', 'prod'] as const)('the estimator’s counts against the %s template', (stage) => {
  const { resources } = built[stage];

  it('counts every secret the stack creates (master, app role, JWT, initial admin, origin verify)', () => {
    const secrets = ofType(resources, 'AWS::SecretsManager::Secret');
    expect(secrets).toHaveLength(stackSecrets(stages[stage]).length);
    expect(estimateMonthlyCost(stages[stage], { requestsPerMonth: 0 }).workload.secrets).toBe(secrets.length);
  });

  it('counts every CloudWatch alarm and the dashboard', () => {
    expect(ofType(resources, 'AWS::CloudWatch::Alarm')).toHaveLength(stackAlarms(stages[stage]));
    expect(ofType(resources, 'AWS::CloudWatch::Dashboard')).toHaveLength(stages[stage].monitoring.dashboard ? 1 : 0);
  });

  it('prices X-Ray at nothing because every function passes tracing through (records none)', () => {
    // MOMS's own functions (CDK's custom-resource handlers set no tracing at all).
    const own = ofType(resources, 'AWS::Lambda::Function').filter(([, fn]) =>
      JSON.stringify(fn.Properties.FunctionName ?? '').includes(`moms-${stage}-`),
    );
    expect(own.length).toBe(6);
    for (const [id, fn] of own) {
      expect((fn.Properties.TracingConfig as { Mode: string }).Mode, id).toBe('PassThrough');
    }
  });

  it('gives a WebUrl a browser can open (CloudFront), not an s3:// address', () => {
    const outputs = built[stage].template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const web = JSON.stringify(outputs.WebUrl!.Value);
    expect(web).toContain('https://');
    expect(web).not.toContain('s3://');
  });

  it('prices the region the stack really deploys to', () => {
    const { stack } = synth(stages[stage], true);
    expect(Stack.of(stack).region).toBe(stages[stage].region);
    expect(estimateMonthlyCost(stages[stage], { requestsPerMonth: 0 }).region).toBe(Stack.of(stack).region);
  });
});
