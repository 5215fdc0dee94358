import { type CfnElement, type Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { routes } from '../src/gateway/routes.js';
import type { StageConfig } from './config/stages.js';

export interface NagParts {
  collectstatic: IConstruct;
  webBucket: IConstruct & { node: { defaultChild?: IConstruct | undefined } };
  databaseSecret: IConstruct;
  appDatabaseSecret: IConstruct;
  database: IConstruct;
  signingKey: IConstruct;
  initialAdmin: IConstruct;
  vaultKey: IConstruct;
  originVerify: IConstruct | undefined;
  httpApi: IConstruct;
  distribution: IConstruct | undefined;
}

/**
 * Routes that need no token by design: health, the API's own documentation, and what the modules'
 * manifests declare public (signing in) — the route table's routes without the authorizer, by the id
 * `HttpApi.addRoutes` gives them (`POST /api/v1/auth/login` → `POST--api--v1--auth--login`).
 */
const PUBLIC_ROUTE_IDS = new Set(
  routes.filter((r) => !r.authorizer).map((r) => `${r.method}${r.path.replaceAll('/', '--')}`),
);

/**
 * cdk-nag's AwsSolutions findings that MOMS accepts, each with its reason. Everything else is fixed
 * in the constructs; a new finding fails `npm run synth` and the infra tests.
 */
export function acknowledgeNagFindings(stack: Stack, stage: StageConfig, parts: NagParts): void {
  const ack = (scope: IConstruct, rule: string, reason: string) =>
    Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${rule}`, reason });

  ack(
    stack,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    'The AWS-managed policy Lambda needs to write its own logs; it grants nothing else.',
  );
  ack(
    stack,
    'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
    'The AWS-managed policy Lambda needs to manage its network interfaces in the VPC.',
  );
  ack(
    stack,
    'IAM5[Resource::*]',
    'X-Ray PutTraceSegments/PutTelemetryRecords and the log-retention helper do not support resource-level permissions.',
  );
  const bucketId = stack.getLogicalId(parts.webBucket.node.defaultChild as CfnElement);
  ack(
    parts.collectstatic,
    `IAM5[Resource::<${bucketId}.Arn>/*]`,
    'collectstatic syncs a whole folder into the web bucket: it must put and delete any object of that one bucket.',
  );
  ack(
    parts.databaseSecret,
    'SMG4',
    'Rotation is off until the functions re-read the database secret after an authentication failure (they cache it per container); rotating now would break live connections.',
  );
  ack(
    parts.appDatabaseSecret,
    'SMG4',
    "The migrations function sets the role's password from this secret on every deploy; rotation waits for the functions to re-read it after an authentication failure, as for the master secret.",
  );
  ack(
    parts.signingKey,
    'SMG4',
    'Rotating the signing key signs everyone out; key versions (kid) come before scheduled rotation. Rotate by hand if the key is exposed.',
  );
  ack(
    parts.initialAdmin,
    'SMG4',
    'Used once, to create the first administrator, who must change the password at first sign-in; nothing reads it afterwards.',
  );
  ack(
    parts.vaultKey,
    'SMG4',
    "Automation's stored credentials are sealed under a key derived from this secret; a new value makes them unreadable until re-entered, so rotation waits for key versions (re-sealing under the new key). Rotate by hand if it is exposed.",
  );
  if (parts.originVerify) {
    ack(
      parts.originVerify,
      'SMG4',
      'CloudFront reads the value at deploy time (a dynamic reference in its origin config) and the API functions once per container: a new value takes a deploy, so rotate it by hand (a new value, then a deploy) if it is exposed.',
    );
  }
  if (!stage.database.deletionProtection) {
    ack(parts.database, 'RDS10', `Deletion protection is on in prod only; ${stage.name} is disposable.`);
  }
  if (parts.distribution) {
    ack(
      parts.distribution,
      'CFR4',
      'The default *.cloudfront.net certificate cannot pin a minimum TLS version; TLS 1.2 (TLSv1.2_2021) applies once the stage has a custom domain certificate.',
    );
    ack(
      parts.distribution,
      'CFR1',
      'A business system used by each organization wherever its people are: no geo restriction.',
    );
    ack(
      parts.distribution,
      'CFR2',
      'No WAF by default (it bills monthly even when idle); the API is throttled per stage and sign-in locks out after repeated failures.',
    );
  }
  for (const route of parts.httpApi.node.children) {
    if (PUBLIC_ROUTE_IDS.has(route.node.id)) {
      ack(
        route,
        'APIG4',
        'A public route by design (sign-in, health, API docs); every other route runs the authorizer.',
      );
    }
  }
}
