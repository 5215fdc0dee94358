import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { stages, type StageConfig } from './config/stages.js';
import { mailAddressOf } from './constructs/mail.js';
import { MomsStack } from './moms-stack.js';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

function synth(stage: StageConfig) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(
    new MomsStack(app, `Moms-${stage.name}`, { stage, env: { account: '123456789012', region: stage.region } }),
  );
  const resources = template.toJSON().Resources as Resources;
  const [workerId, worker] = Object.entries(resources).find(
    ([, r]) =>
      r.Type === 'AWS::Lambda::Function' && String(JSON.stringify(r.Properties.FunctionName)).endsWith('-worker"'),
  )!;
  const workerRole = (worker.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
  const sesStatements = Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .flatMap((r) => {
      const roles = JSON.stringify(r.Properties.Roles);
      const doc = r.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] };
      return doc.Statement.filter((s) => JSON.stringify(s.Action).includes('ses:')).map((s) => ({ ...s, roles }));
    });
  const env = (worker.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  return { template, resources, workerId, workerRole, sesStatements, env };
}

describe('outbound mail in the stack', () => {
  it('by default (no stage mail): no SES permission for anyone, no sender, no SES endpoint — sending is disabled', () => {
    for (const stage of Object.values(stages)) {
      expect(stage.mail).toBeUndefined();
      const { sesStatements, env, resources } = synth(stage);
      expect(sesStatements).toEqual([]);
      expect(env.MAIL_TRANSPORT).toBe('ses');
      expect(env.MAIL_FROM).toBeUndefined();
      const endpoints = Object.values(resources).filter((r) => r.Type === 'AWS::EC2::VPCEndpoint');
      expect(JSON.stringify(endpoints)).not.toContain('.email');
    }
    // Three synths; the first loads the whole app (slow on a busy machine).
  }, 120_000);

  it('with a stage mail identity: the worker alone may ses:SendEmail, from that identity only', () => {
    const identityArn = 'arn:aws:ses:eu-west-1:123456789012:identity/acme.example';
    const { sesStatements, env, workerRole, template } = synth({
      ...stages.dev,
      mail: { from: 'ACME <billing@acme.example>', identityArn },
    });
    expect(sesStatements).toHaveLength(1);
    expect(sesStatements[0]).toMatchObject({ Action: 'ses:SendEmail', Resource: identityArn });
    expect(sesStatements[0]!.roles).toContain(workerRole);
    expect(env).toMatchObject({
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: 'ACME <billing@acme.example>',
      MAIL_IDENTITY_ARN: identityArn,
    });
    // dev runs its functions outside the VPC (the Data API): the worker reaches SES directly, no endpoint.
    expect(stages.dev.database.access).toBe('data-api');
    const endpoints = Object.values(template.toJSON().Resources as Resources).filter(
      (r) => r.Type === 'AWS::EC2::VPCEndpoint',
    );
    expect(JSON.stringify(endpoints)).not.toContain('.email');
  });

  it('on a stage whose functions are in the VPC (pg): the worker reaches SES through an interface endpoint', () => {
    const { template } = synth({ ...stages.prod, mail: { from: 'ACME <billing@acme.example>' } });
    // The worker has no internet route there: it reaches the SES API through an interface endpoint.
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      ServiceName: Match.stringLikeRegexp('email$'),
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
    });
  });

  it('without an identity ARN, uses the from-address’s domain identity in the stage’s region', () => {
    const { sesStatements } = synth({ ...stages.prod, mail: { from: 'no-reply@mail.acme.example' } });
    expect(JSON.stringify(sesStatements[0]!.Resource)).toContain('identity/mail.acme.example');
    expect(JSON.stringify(sesStatements[0]!.Resource)).toContain(':ses:');
    expect(() => mailAddressOf('not an address')).toThrow(/not a mail address/);
  });
});
