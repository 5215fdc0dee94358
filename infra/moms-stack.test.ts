import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { routeKey, routes } from '../src/gateway/routes.js';
import { stages, type StageName } from './config/stages.js';
import { APP_SHELL_FUNCTION, VIEWER_ADDRESS_FUNCTION } from './constructs/static-site.js';
import { MomsStack } from './moms-stack.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }>;

/** Synthesizes a stage offline (no bundling, no Docker), with cdk-nag's AwsSolutions pack as a validation plugin. */
function synth(stage: StageName) {
  const outdir = mkdtempSync(path.join(os.tmpdir(), `moms-cdk-${stage}-`));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MomsStack(app, `Moms-${stage}`, { stage: stages[stage] });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let nagError: string | undefined;
  try {
    app.synth();
  } catch (error) {
    const report = path.join(outdir, 'validation-report.json');
    nagError = `${(error as Error).message}\n${readFileSync(report, 'utf8')}`;
  }
  const template = Template.fromStack(stack);
  return { template, resources: template.toJSON().Resources as Resources, nagError };
}

const synthesized = Object.fromEntries((['dev', 'staging', 'prod'] as const).map((s) => [s, synth(s)])) as Record<
  StageName,
  ReturnType<typeof synth>
>;

const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type) as [string, Required<Resources[string]>][];

/** The logical id of the function whose FunctionName ends with `-<name>`. */
function functionId(resources: Resources, name: string): string {
  const found = ofType(resources, 'AWS::Lambda::Function').find(([, r]) =>
    String(JSON.stringify(r.Properties.FunctionName)).endsWith(`-${name}"`),
  );
  if (!found) throw new Error(`no function ${name}`);
  return found[0];
}

/** Every resource the IAM policies attached to a function's role refer to, as JSON strings. */
function policyOf(resources: Resources, fnId: string): { actions: string[]; resources: string } {
  const roleRef = JSON.stringify((resources[fnId]!.Properties!.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
  const statements = ofType(resources, 'AWS::IAM::Policy')
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(roleRef))
    .flatMap(
      ([, p]) =>
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
    );
  return {
    actions: statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    resources: JSON.stringify(statements.map((s) => s.Resource)),
  };
}

describe.each(['dev', 'staging', 'prod'] as const)('the %s stage', (stage) => {
  const { template, resources, nagError } = synthesized[stage];

  it('passes cdk-nag AwsSolutions (every finding fixed or acknowledged with a reason)', () => {
    expect(nagError).toBeUndefined();
  });

  it('has every route of the route table, with the authorizer exactly on the protected ones', () => {
    const authorizers = ofType(resources, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 0,
    });
    const deployed = new Map(
      ofType(resources, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r.Properties]),
    );
    expect([...deployed.keys()].sort()).toEqual(routes.map(routeKey).sort());
    for (const route of routes) {
      const props = deployed.get(routeKey(route))!;
      if (route.authorizer) {
        expect(props, routeKey(route)).toMatchObject({
          AuthorizationType: 'CUSTOM',
          AuthorizerId: { Ref: authorizerId },
        });
      } else {
        expect(props.AuthorizationType ?? 'NONE', routeKey(route)).toBe('NONE');
      }
    }
  });

  it('throttles the API and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: Match.objectLike({
        ThrottlingRateLimit: stages[stage].api.throttleRate,
        ThrottlingBurstLimit: stages[stage].api.throttleBurst,
      }),
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
  });

  it('auto-pauses Aurora (0 ACU) only outside prod; prod keeps a minimum, a reader and deletion protection', () => {
    const [, cluster] = ofType(resources, 'AWS::RDS::DBCluster')[0]!;
    const scaling = cluster.Properties.ServerlessV2ScalingConfiguration as Record<string, number>;
    if (stage === 'prod') {
      expect(scaling.MinCapacity).toBeGreaterThan(0);
      expect(scaling.SecondsUntilAutoPause).toBeUndefined();
      expect(cluster.Properties.DeletionProtection).toBe(true);
      expect(ofType(resources, 'AWS::RDS::DBInstance')).toHaveLength(2);
    } else {
      expect(scaling.MinCapacity).toBe(0);
      expect(scaling.SecondsUntilAutoPause).toBe(stages[stage].database.autoPauseSeconds);
      expect(ofType(resources, 'AWS::RDS::DBInstance')).toHaveLength(1);
    }
    expect(cluster.Properties.StorageEncrypted).toBe(true);
    expect(cluster.Properties.MasterUserPassword).toEqual(expect.objectContaining({ 'Fn::Join': expect.anything() }));
    expect(JSON.stringify(cluster.Properties.MasterUserPassword)).toContain('resolve:secretsmanager');
  });

  it('has provisioned concurrency only in prod', () => {
    const aliases = ofType(resources, 'AWS::Lambda::Alias').filter(
      ([, a]) => a.Properties.ProvisionedConcurrencyConfig,
    );
    if (stage === 'prod') {
      const counts = aliases.map(
        ([, a]) =>
          (a.Properties.ProvisionedConcurrencyConfig as Record<string, number>).ProvisionedConcurrentExecutions,
      );
      expect(counts.sort()).toEqual(
        [
          stages.prod.lambda.provisionedConcurrency.authorizer,
          stages.prod.lambda.provisionedConcurrency.standardApi,
        ].sort(),
      );
    } else {
      expect(aliases).toEqual([]);
    }
  });

  it('gives each function role only the secrets, bucket and queue that function uses', () => {
    const dbSecret = ofType(resources, 'AWS::SecretsManager::SecretTargetAttachment')[0]![0];
    const [adminSecret] = ofType(resources, 'AWS::SecretsManager::Secret').find(([id]) =>
      id.startsWith('InitialAdmin'),
    )!;
    const jwtSecret = ofType(resources, 'AWS::SecretsManager::Secret').find(([id]) =>
      id.startsWith('JwtSigningKey'),
    )![0];
    const appSecret = ofType(resources, 'AWS::SecretsManager::Secret').find(([id]) =>
      id.startsWith('DatabaseAppUser'),
    )![0];
    const vaultSecret = ofType(resources, 'AWS::SecretsManager::Secret').find(([id]) =>
      id.startsWith('AutomationVaultKey'),
    )![0];
    const [queue] = ofType(resources, 'AWS::SQS::Queue').find(([id]) => id.startsWith('Jobs') && !id.includes('Dead'))!;
    const [bucket] = ofType(resources, 'AWS::S3::Bucket').find(([id]) => /^Web[0-9A-F]{8}$/.test(id))!;
    const uses: Record<string, { db: boolean; jwt: boolean; queue: boolean; bucket: boolean }> = {
      standardApi: { db: true, jwt: true, queue: true, bucket: false },
      containerizedApi: { db: true, jwt: true, queue: true, bucket: false },
      authorizer: { db: false, jwt: true, queue: false, bucket: false },
      worker: { db: true, jwt: false, queue: true, bucket: false },
      migrations: { db: true, jwt: false, queue: false, bucket: false },
      collectstatic: { db: false, jwt: false, queue: false, bucket: true },
    };
    for (const [name, expected] of Object.entries(uses)) {
      const policy = policyOf(resources, functionId(resources, name));
      // The application's role for everyone who uses the database; the master user for migrations only (issue #20).
      expect(policy.resources.includes(`"${appSecret}"`), `${name} reads the application role`).toBe(expected.db);
      expect(policy.resources.includes(`"${dbSecret}"`), `${name} reads the master secret`).toBe(name === 'migrations');
      expect(policy.resources.includes(`"${jwtSecret}"`), `${name} reads the signing key`).toBe(expected.jwt);
      expect(policy.resources.includes(`"${queue}"`), `${name} uses the job queue`).toBe(expected.queue);
      // Automation's vault key: the containerizedApi seals credentials, the worker opens them (ADR 0020).
      expect(policy.resources.includes(`"${vaultSecret}"`), `${name} reads the vault key`).toBe(
        name === 'containerizedApi' || name === 'worker',
      );
      expect(policy.resources.includes(`"${bucket}"`), `${name} uses the web bucket`).toBe(expected.bucket);
      expect(policy.resources.includes(`"${adminSecret}"`), `${name} reads the initial admin`).toBe(
        name === 'migrations',
      );
      expect(
        policy.actions.filter((a) => a === '*' || a.endsWith(':*')),
        name,
      ).toEqual([]);
    }
    // The worker consumes (the event source mapping needs receive/delete); infra/async-work.test.ts covers its sends.
    expect(policyOf(resources, functionId(resources, 'worker')).actions).toEqual(
      expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage']),
    );
  });

  it('keeps the web bucket private and TLS-only', () => {
    const [bucketId, bucket] = ofType(resources, 'AWS::S3::Bucket').find(([id]) => /^Web[0-9A-F]{8}$/.test(id))!;
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policy = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) =>
      JSON.stringify(p.Properties.Bucket).includes(bucketId),
    )!;
    expect(JSON.stringify(policy[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    const cdn = ofType(resources, 'AWS::CloudFront::Distribution');
    expect(cdn).toHaveLength(stages[stage].web.cloudFront ? 1 : 0);
    if (cdn.length > 0) {
      const config = JSON.stringify(cdn[0]![1].Properties);
      expect(config).toContain('OriginAccessControlId');
      expect(config).toContain('"PathPattern":"/api/*"');
      // The API origin gets the origin-verify secret (a dynamic reference, never a literal) and the
      // viewer's address from a viewer-request function (docs/security.md).
      const distribution = cdn[0]![1].Properties.DistributionConfig as {
        Origins: {
          CustomOriginConfig?: unknown;
          OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
        }[];
        CacheBehaviors: { PathPattern: string; FunctionAssociations?: { EventType: string; FunctionARN: unknown }[] }[];
      };
      const apiOrigin = distribution.Origins.find((o) => o.CustomOriginConfig)!;
      const verify = apiOrigin.OriginCustomHeaders!.find((h) => h.HeaderName === 'x-origin-verify')!;
      expect(JSON.stringify(verify.HeaderValue)).toContain('resolve:secretsmanager:');
      expect(JSON.stringify(verify.HeaderValue)).toContain('OriginVerify');
      const apiBehavior = distribution.CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
      expect(apiBehavior.FunctionAssociations).toEqual([
        { EventType: 'viewer-request', FunctionARN: expect.anything() },
      ]);
      const codes = ofType(resources, 'AWS::CloudFront::Function').map(([, fn]) => fn.Properties.FunctionCode);
      expect(codes).toContain(VIEWER_ADDRESS_FUNCTION);
      // No distribution-wide error pages (they turned the API's 403/404 into 200 + HTML, issue #20):
      // client-side routes get the app shell from a function on the web app's behaviour only.
      expect(cdn[0]![1].Properties.DistributionConfig).not.toHaveProperty('CustomErrorResponses');
      const web = (
        cdn[0]![1].Properties.DistributionConfig as { DefaultCacheBehavior: { FunctionAssociations: unknown[] } }
      ).DefaultCacheBehavior;
      expect(web.FunctionAssociations).toHaveLength(1);
      expect(codes).toContain(APP_SHELL_FUNCTION);
      // The API functions read that secret (and only they do).
      for (const name of ['standardApi', 'containerizedApi']) {
        const env = (resources[functionId(resources, name)]!.Properties!.Environment as { Variables: object })
          .Variables;
        expect(JSON.stringify(env)).toContain('"ORIGIN_VERIFY_SECRET_ARN":{"Ref":"OriginVerify');
        expect(policyOf(resources, functionId(resources, name)).resources).toContain('OriginVerify');
      }
      expect(policyOf(resources, functionId(resources, 'authorizer')).resources).not.toContain('OriginVerify');
    } else {
      expect(ofType(resources, 'AWS::CloudFront::Function')).toHaveLength(0);
      expect(JSON.stringify(resources)).not.toContain('ORIGIN_VERIFY_SECRET_ARN');
    }
  });

  it('puts no plaintext secret in any function environment', () => {
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
      const variables =
        (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
      for (const [name, value] of Object.entries(variables)) {
        if (/SECRET|PASSWORD|TOKEN|KEY/i.test(name)) {
          expect(name, `${id}.${name}`).toMatch(/_ARN$/);
          expect(typeof value, `${id}.${name} must be a reference, not a literal`).toBe('object');
        }
        expect(JSON.stringify(value), `${id}.${name}`).not.toContain('resolve:secretsmanager');
      }
    }
  });

  it("keeps the synchronous API functions within API Gateway's 30 s, and the worker within 15 min", () => {
    for (const name of ['standardApi', 'containerizedApi', 'authorizer']) {
      expect(resources[functionId(resources, name)]!.Properties!.Timeout, name).toBeLessThan(30);
    }
    expect(resources[functionId(resources, 'worker')]!.Properties!.Timeout).toBe(900);
  });

  it('runs migrations on deploy before the API goes live, and publishes the web build after', () => {
    const triggers = ofType(resources, 'Custom::Trigger');
    expect(triggers).toHaveLength(2);
    const migrate = triggers.find(([id]) => id.startsWith('MigrateOnDeploy'))!;
    expect(JSON.stringify(migrate[1].Properties.HandlerArn)).toContain('Functionsmigrations');
    const stageId = ofType(resources, 'AWS::ApiGatewayV2::Stage')[0]![0];
    expect(resources[stageId]!.DependsOn ?? []).toEqual(expect.arrayContaining([migrate[0]]));
    // New code never meets the old schema: every function that uses the database, and the prod
    // aliases API Gateway invokes, wait for the migrations (issue #20).
    for (const name of ['standardApi', 'containerizedApi', 'worker']) {
      expect(resources[functionId(resources, name)]!.DependsOn ?? [], name).toEqual(
        expect.arrayContaining([migrate[0]]),
      );
    }
    const aliases = ofType(resources, 'AWS::Lambda::Alias');
    expect(aliases).toHaveLength(stages[stage].lambda.provisionedConcurrency.standardApi > 0 ? 2 : 0);
    for (const [id, alias] of aliases) expect(alias.DependsOn ?? [], id).toEqual(expect.arrayContaining([migrate[0]]));
  });

  it('passes X-Ray traces through rather than starting one per invocation (issue #20)', () => {
    for (const [id, fn] of ofType(resources, 'AWS::Lambda::Function')) {
      if (!String(JSON.stringify(fn.Properties.FunctionName)).includes('moms-')) continue;
      expect(fn.Properties.TracingConfig, id).toEqual({ Mode: 'PassThrough' });
    }
  });

  it('gives the API functions a database budget that ends before they do (issue #20)', () => {
    for (const name of ['standardApi', 'containerizedApi']) {
      const fn = resources[functionId(resources, name)]!.Properties!;
      const env = (fn.Environment as { Variables: Record<string, string> }).Variables;
      const budgetMs = Number(env.DB_CONNECT_RETRY_MS) + Number(env.DB_STATEMENT_TIMEOUT_MS);
      expect(budgetMs, name).toBeGreaterThan(0);
      expect(budgetMs, name).toBeLessThan((fn.Timeout as number) * 1000);
    }
  });

  it('ends idle sessions where the cluster auto-pauses, so frozen Lambda sandboxes cannot keep it up', () => {
    const [, params] = ofType(resources, 'AWS::RDS::DBClusterParameterGroup')[0]!;
    const parameters = params.Properties.Parameters as Record<string, string>;
    if (stages[stage].database.minCapacity === 0) expect(Number(parameters.idle_session_timeout)).toBeGreaterThan(0);
    else expect(parameters).not.toHaveProperty('idle_session_timeout');
  });

  it('runs functions on arm64 with Node.js 24, and the heavy ones from a container image', () => {
    for (const name of ['standardApi', 'authorizer', 'migrations', 'collectstatic']) {
      expect(resources[functionId(resources, name)]!.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
      });
    }
    for (const name of ['containerizedApi', 'worker']) {
      expect(resources[functionId(resources, name)]!.Properties).toMatchObject({
        PackageType: 'Image',
        Architectures: ['arm64'],
      });
    }
  });
});
