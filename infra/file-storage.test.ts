import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { stages, type StageName } from './config/stages.js';
import { RESULT_RETENTION_DAYS } from './constructs/file-storage.js';
import { MomsStack } from './moms-stack.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Synthesizes a stage offline (no bundling, no Docker) with cdk-nag, as moms-stack.test.ts does. */
function synth(stage: StageName) {
  const outdir = mkdtempSync(path.join(os.tmpdir(), `moms-cdk-files-${stage}-`));
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MomsStack(app, `Moms-${stage}`, { stage: stages[stage] });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let nagError: string | undefined;
  try {
    app.synth();
  } catch (error) {
    nagError = `${(error as Error).message}\n${readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')}`;
  }
  return { resources: Template.fromStack(stack).toJSON().Resources as Resources, nagError };
}

const ofType = (resources: Resources, type: string) =>
  Object.entries(resources).filter(([, r]) => r.Type === type) as [string, Required<Resources[string]>][];

const json = (value: unknown): string => JSON.stringify(value) ?? '';

function filesBucket(resources: Resources) {
  const found = ofType(resources, 'AWS::S3::Bucket').find(([, b]) => json(b.Properties.BucketName).includes('-files-'));
  if (!found) throw new Error('no files bucket');
  return found;
}

function functionId(resources: Resources, name: string): string {
  const found = ofType(resources, 'AWS::Lambda::Function').find(([, r]) =>
    json(r.Properties.FunctionName).endsWith(`-${name}"`),
  );
  if (!found) throw new Error(`no function ${name}`);
  return found[0];
}

/** The S3 statements of the policies attached to a function's role. */
function s3Statements(resources: Resources, name: string) {
  const fn = resources[functionId(resources, name)]!;
  const roleRef = json((fn.Properties!.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0]);
  return ofType(resources, 'AWS::IAM::Policy')
    .filter(([, p]) => json(p.Properties.Roles).includes(roleRef))
    .flatMap(
      ([, p]) =>
        (p.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement,
    )
    .map((s) => ({ actions: [s.Action].flat().sort(), resource: json(s.Resource) }))
    .filter((s) => s.actions.some((a) => a.startsWith('s3:')));
}

const synthesized = { dev: synth('dev'), prod: synth('prod') };

describe.each(['dev', 'prod'] as const)('file storage in the %s stage', (stage) => {
  const { resources, nagError } = synthesized[stage];

  it('passes cdk-nag', () => {
    expect(nagError).toBeUndefined();
  });

  it('is a private, encrypted, TLS-only bucket with access logs', () => {
    const [id, bucket] = filesBucket(resources);
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(json(bucket.Properties.BucketEncryption)).toContain('AES256');
    expect(bucket.Properties.LoggingConfiguration).toBeDefined();
    expect(json(bucket.Properties.BucketName)).toContain(`moms-${stage}-files-`);
    const policy = ofType(resources, 'AWS::S3::BucketPolicy').find(([, p]) => json(p.Properties.Bucket).includes(id));
    expect(json(policy?.[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('aborts incomplete multipart uploads after a day and expires job results', () => {
    const [, bucket] = filesBucket(resources);
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
        expect.objectContaining({ Prefix: 'results/', ExpirationInDays: RESULT_RETENTION_DAYS, Status: 'Enabled' }),
      ]),
    );
  });

  it("lets the web app's origin PUT and GET presigned URLs (CORS), and nothing else", () => {
    const [, bucket] = filesBucket(resources);
    const cors = (bucket.Properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    expect(cors).toHaveLength(1);
    expect(cors[0]).toMatchObject({ AllowedMethods: ['PUT', 'GET', 'HEAD'], AllowedHeaders: ['content-type'] });
    const origins = json(cors[0]!.AllowedOrigins);
    if (stages[stage].web.cloudFront) expect(origins).toContain('DomainName');
    for (const origin of stages[stage].api.corsOrigins) expect(origins).toContain(origin);
    expect(origins).not.toContain('"*"');
  });

  it('gives each function only the object actions on its key areas (least privilege)', () => {
    const bucketArn = (area: string) => `/${area}/*`;
    for (const api of ['standardApi', 'containerizedApi']) {
      const statements = s3Statements(resources, api);
      expect(statements.map((s) => s.actions)).toEqual([
        ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        ['s3:GetObject'],
      ]);
      expect(statements[0]!.resource).toContain(bucketArn('attachments'));
      expect(statements[1]!.resource).toContain(bucketArn('results'));
    }
    const worker = s3Statements(resources, 'worker');
    expect(worker.map((s) => s.actions)).toEqual([
      ['s3:AbortMultipartUpload', 's3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      // Reads attachments (imports) and writes the records kept beyond the results' 30 days (compliance reports).
      ['s3:GetObject', 's3:PutObject'],
    ]);
    expect(worker[0]!.resource).toContain(bucketArn('results'));
    expect(worker[1]!.resource).toContain(bucketArn('attachments'));
    for (const fn of ['standardApi', 'containerizedApi', 'worker']) {
      for (const s of s3Statements(resources, fn)) {
        expect(
          s.actions.some((a) => a === 's3:*' || a === 's3:ListBucket'),
          fn,
        ).toBe(false);
        expect(s.resource, fn).toContain('-files-');
      }
    }
    expect(s3Statements(resources, 'authorizer')).toEqual([]);
    expect(s3Statements(resources, 'migrations')).toEqual([]);
  });

  it('tells the functions that use files where the bucket is', () => {
    const env = (name: string) =>
      (resources[functionId(resources, name)]!.Properties!.Environment as { Variables: Record<string, unknown> })
        .Variables;
    for (const fn of ['standardApi', 'containerizedApi', 'worker'])
      expect(json(env(fn).FILES_BUCKET)).toContain('-files-');
    for (const fn of ['authorizer', 'migrations', 'collectstatic']) expect(env(fn).FILES_BUCKET).toBeUndefined();
  });

  it('reaches S3 from the isolated subnets through a gateway endpoint', () => {
    const endpoints = ofType(resources, 'AWS::EC2::VPCEndpoint').filter(
      ([, e]) => e.Properties.VpcEndpointType === 'Gateway' || e.Properties.VpcEndpointType === undefined,
    );
    expect(endpoints.some(([, e]) => json(e.Properties.ServiceName).includes('.s3'))).toBe(true);
  });
});
