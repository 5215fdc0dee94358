import { existsSync } from 'node:fs';
import path from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Alias } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as triggers from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import type { StageConfig } from './config/stages.js';
import { Api } from './constructs/api.js';
import { AsyncWork } from './constructs/async-work.js';
import { Database } from './constructs/database.js';
import { Monitoring } from './constructs/monitoring.js';
import { API_DB_TIMEOUTS, MomsFunctions, REPO_ROOT, SYNC_API_TIMEOUT } from './constructs/functions.js';
import { Network } from './constructs/network.js';
import { acknowledgeNagFindings } from './nag.js';
import { StaticSite } from './constructs/static-site.js';
import { FileStorage } from './constructs/file-storage.js';
import { wireMail } from './constructs/mail.js';
import { workRegistry } from '../src/app/jobs.js';
import { modulesOf } from '../src/app/modules.js';
import type { FunctionName } from '../src/platform/modules/module.js';

export interface MomsStackProps extends StackProps {
  stage: StageConfig;
  /** The web build to publish (default: web/dist, or a placeholder page when it is not built). */
  webDir?: string;
}

/** The seed's architecture, for one stage: API Gateway → Lambda → Aurora Serverless v2, web on S3 (+ CloudFront). */
export class MomsStack extends Stack {
  constructor(scope: Construct, id: string, props: MomsStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const prod = stage.name === 'prod';
    const webDir =
      props.webDir ??
      (existsSync(path.join(REPO_ROOT, 'web/dist/index.html'))
        ? path.join(REPO_ROOT, 'web/dist')
        : path.join(REPO_ROOT, 'infra/placeholder-web'));

    const network = new Network(this, 'Network', { stage });
    const database = new Database(this, 'Database', { stage, network });
    const signingKey = new secretsmanager.Secret(this, 'JwtSigningKey', {
      secretName: `moms/${stage.name}/jwt-signing-key`,
      description: 'HS256 key for MOMS access tokens',
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'key',
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    // The first administrator: generated at deploy, created by the migrations function when there is
    // none, read once by the operator from Secrets Manager (docs/deploy.md).
    const initialAdmin = new secretsmanager.Secret(this, 'InitialAdmin', {
      secretName: `moms/${stage.name}/initial-admin`,
      description: 'MOMS first administrator (change the password after the first sign-in)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ email: `admin@${stage.name}.moms.local` }),
        generateStringKey: 'password',
        passwordLength: 24,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // With CloudFront in front of the API: the value it sends as the `x-origin-verify` origin header, so
    // the API knows a request came through it and trusts the viewer address it writes (docs/security.md).
    const originVerify = stage.web.cloudFront
      ? new secretsmanager.Secret(this, 'OriginVerify', {
          secretName: `moms/${stage.name}/origin-verify`,
          description: 'MOMS: the x-origin-verify header CloudFront sends to the API',
          generateSecretString: { passwordLength: 48, excludePunctuation: true },
          removalPolicy: RemovalPolicy.DESTROY,
        })
      : undefined;
    const originVerifyEnv: Record<string, string> = originVerify
      ? { ORIGIN_VERIFY_SECRET_ARN: originVerify.secretArn }
      : {};

    // The key of Automation's credentials vault (docs/adr/0020): the containerizedApi seals what a user
    // saves, the worker opens it for an HTTP step or a webhook delivery. Its own secret, so the worker
    // never holds the token-signing key, and the vault's key is not the tokens' key.
    const vaultKey = new secretsmanager.Secret(this, 'AutomationVaultKey', {
      secretName: `moms/${stage.name}/automation-vault-key`,
      description: 'MOMS Automation: the key its credentials vault derives its AES-256-GCM key from',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    const deadLetters = new sqs.Queue(this, 'JobsDeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    const jobs = new sqs.Queue(this, 'Jobs', {
      // At least six times the worker's timeout, as Lambda's SQS integration advises.
      visibilityTimeout: Duration.minutes(90),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });

    const fns = new MomsFunctions(this, 'Functions', { stage, network, webDir });
    // How the functions reach Aurora (stage.database.access; docs/adr/0005): connections from inside
    // the VPC, or the RDS Data API from outside it (no VPC, no interface endpoints).
    const dataApi = stage.database.access === 'data-api';
    const inVpc = !dataApi;
    const dataApiEnv: Record<string, string> = dataApi
      ? { DB_ACCESS: 'data-api', DB_CLUSTER_ARN: database.cluster.clusterArn, DB_NAME: 'moms' }
      : {};
    // The application connects as its own role (rows only), never as the master user (issue #20).
    const dbEnv = {
      DB_SECRET_ARN: database.appSecret.secretArn,
      JWT_SECRET_ARN: signingKey.secretArn,
      ...dataApiEnv,
      ...API_DB_TIMEOUTS,
    };
    const standardApi = fns.zip('standardApi', 'standard-api', {
      reservedConcurrency: stage.lambda.reservedConcurrency?.standardApi,
      description: `MOMS standard API: ${moduleNames('standardApi')}`,
      timeout: SYNC_API_TIMEOUT,
      inVpc,
      environment: { ...dbEnv, ...originVerifyEnv, JOB_QUEUE_URL: jobs.queueUrl },
    });
    const containerizedApi = fns.container('containerizedApi', 'containerized-api', {
      reservedConcurrency: stage.lambda.reservedConcurrency?.containerizedApi,
      description: `MOMS containerized API: ${moduleNames('containerizedApi')}`,
      timeout: SYNC_API_TIMEOUT,
      memorySize: stage.lambda.apiMemoryMb * 2,
      inVpc,
      environment: {
        ...dbEnv,
        ...originVerifyEnv,
        JOB_QUEUE_URL: jobs.queueUrl,
        AUTOMATION_VAULT_KEY_ARN: vaultKey.secretArn,
      },
    });
    const authorizer = fns.zip('authorizer', 'authorizer', {
      description: 'MOMS token authorizer (verifies access tokens; no database)',
      timeout: Duration.seconds(10),
      memorySize: stage.lambda.authorizerMemoryMb,
      inVpc: false,
      environment: { JWT_SECRET_ARN: signingKey.secretArn },
    });
    const worker = fns.container('worker', 'worker', {
      reservedConcurrency: stage.lambda.reservedConcurrency?.worker,
      description: 'MOMS job worker (reports, imports, long automations)',
      timeout: Duration.minutes(15),
      memorySize: stage.lambda.workerMemoryMb,
      inVpc,
      environment: {
        DB_SECRET_ARN: database.appSecret.secretArn,
        ...dataApiEnv,
        JOB_QUEUE_URL: jobs.queueUrl,
        AUTOMATION_VAULT_KEY_ARN: vaultKey.secretArn,
      },
    });
    // Outbound mail: SES from the stage's identity only, or disabled without one (docs/mail.md).
    wireMail(worker, stage);
    const migrations = fns.zip('migrations', 'migrations', {
      description: 'MOMS database migrations (run on every deploy)',
      timeout: Duration.minutes(10),
      inVpc,
      // Aurora may be paused: keep retrying the connection while it resumes.
      environment: {
        DB_SECRET_ARN: database.secret.secretArn,
        ...dataApiEnv,
        APP_DB_SECRET_ARN: database.appSecret.secretArn,
        ADMIN_SECRET_ARN: initialAdmin.secretArn,
        DB_CONNECT_RETRY_MS: '120000',
      },
    });
    const site = new StaticSite(this, 'Web', { stage });
    const collectstatic = fns.zip('collectstatic', 'collectstatic', {
      description: 'MOMS collectstatic (uploads the web build to S3)',
      timeout: Duration.minutes(5),
      inVpc: false,
      copyWebBuild: true,
      environment: { STATIC_BUCKET: site.bucket.bucketName },
    });

    // Each role gets only what its function uses.
    database.secret.grantRead(migrations);
    for (const fn of [standardApi, containerizedApi, worker, migrations]) database.appSecret.grantRead(fn);
    if (dataApi) {
      // The Data API as the application role (the API, the worker) or as the master user (migrations).
      for (const fn of [standardApi, containerizedApi, worker]) database.grantDataApi(fn, database.appSecret);
      database.grantDataApi(migrations, database.secret);
    }
    initialAdmin.grantRead(migrations);
    for (const fn of [standardApi, containerizedApi, authorizer]) signingKey.grantRead(fn);
    for (const fn of [standardApi, containerizedApi]) originVerify?.grantRead(fn);
    for (const fn of [containerizedApi, worker]) vaultKey.grantRead(fn);
    for (const fn of [standardApi, containerizedApi]) jobs.grantSendMessages(fn);
    // One job per invocation: a batch of long jobs could outlast the 15 minutes and re-run jobs that had
    // succeeded. maxConcurrency bounds how many run at once (and so their database connections).
    worker.addEventSource(
      new SqsEventSource(jobs, {
        batchSize: 1,
        maxConcurrency: stage.lambda.workerMaxConcurrency,
        reportBatchItemFailures: true,
      }),
    );
    // Schedules, the sweeper, the worker's own re-sends and the dead-letter alarm (docs/adr/0012).
    const asyncWork = new AsyncWork(this, 'AsyncWork', {
      stage,
      worker,
      jobs,
      deadLetters,
      schedules: [...workRegistry.schedules.values()].map((s) => ({ name: s.name, cron: s.cron })),
    });
    // Attachments and job results: a private bucket, presigned URLs, each function only its areas (docs/files.md).
    const files = new FileStorage(this, 'FileStorage', { stage, network });
    for (const fn of [standardApi, containerizedApi]) files.grantApi(fn);
    files.grantWorker(worker);
    // collectstatic lists the bucket and puts and deletes objects: exactly that, no wildcard actions.
    collectstatic.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [site.bucket.bucketArn] }),
    );
    collectstatic.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:DeleteObject'],
        resources: [site.bucket.arnForObjects('*')],
      }),
    );

    // Provisioned concurrency (prod): API Gateway invokes a `live` alias that keeps warm instances.
    const aliases: Alias[] = [];
    const live = (fn: lambda.Function, count: number): lambda.IFunction => {
      if (count === 0) return fn;
      const alias = new Alias(this, `${fn.node.id}Live`, {
        aliasName: 'live',
        version: fn.currentVersion,
        provisionedConcurrentExecutions: count,
      });
      if (stage.lambda.provisionedConcurrency.schedule === 'office-hours') {
        // Kept Monday–Friday 07:00–17:00 UTC only (220 of 730 hours billed; infra/cost): scheduled
        // scaling of the alias's provisioned concurrency; outside those hours the alias runs on demand.
        const scaling = alias.addAutoScaling({ minCapacity: 0, maxCapacity: count });
        const weekdays = (hour: string) => appscaling.Schedule.cron({ minute: '0', hour, weekDay: 'MON-FRI' });
        scaling.scaleOnSchedule('OfficeOpens', { schedule: weekdays('7'), minCapacity: count, maxCapacity: count });
        scaling.scaleOnSchedule('OfficeCloses', { schedule: weekdays('17'), minCapacity: 0, maxCapacity: 0 });
      }
      aliases.push(alias);
      return alias;
    };
    const api = new Api(this, 'Api', {
      stage,
      functions: {
        standardApi: live(standardApi, stage.lambda.provisionedConcurrency.standardApi),
        containerizedApi,
      },
      authorizer: live(authorizer, stage.lambda.provisionedConcurrency.authorizer),
    });
    site.attachApi(api.url, originVerify);

    // Alarms (to one SNS topic) and a dashboard: what an operator watches (issue #20).
    new Monitoring(this, 'Monitoring', {
      stage,
      httpApi: api.httpApi,
      functions: { standardApi, containerizedApi, authorizer, worker, migrations, collectstatic },
      cluster: database.cluster,
      alarms: [asyncWork.deadLetterAlarm],
    });
    // Presigned PUTs and GETs come from the web app's origin (the distribution's, and the stage's own list).
    files.allowBrowsersFrom([
      ...stage.api.corsOrigins,
      ...(site.distribution ? [`https://${site.distribution.distributionDomainName}`] : []),
    ]);

    // On every deploy: migrate before any new code goes live — the functions that use the database
    // (their code updates are live at once where API Gateway calls them directly), the prod `live`
    // aliases and the API stage (issue #20) — then publish the web build.
    const migrate = new triggers.Trigger(this, 'MigrateOnDeploy', {
      handler: migrations,
      timeout: Duration.minutes(10),
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      executeAfter: [database.cluster],
      executeBefore: [api.stage, standardApi, containerizedApi, worker, ...aliases],
    });
    new triggers.Trigger(this, 'CollectStaticOnDeploy', {
      handler: collectstatic,
      timeout: Duration.minutes(5),
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      executeAfter: [site.bucket, migrate],
    });

    acknowledgeNagFindings(this, stage, {
      collectstatic,
      webBucket: site.bucket,
      databaseSecret: database.cluster.node.findChild('Secret'),
      appDatabaseSecret: database.appSecret,
      database: database.cluster,
      signingKey,
      initialAdmin,
      vaultKey,
      originVerify,
      httpApi: api.httpApi,
      distribution: site.distribution,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.url });
    new CfnOutput(this, 'WebUrl', {
      value: site.distribution
        ? `https://${site.distribution.distributionDomainName}`
        : `s3://${site.bucket.bucketName}`,
    });
    new CfnOutput(this, 'DatabaseSecretArn', { value: database.secret.secretArn });
    new CfnOutput(this, 'JobQueueUrl', { value: jobs.queueUrl });
    new CfnOutput(this, 'InitialAdminSecretArn', { value: initialAdmin.secretArn });
  }
}

/** The modules a function serves, for its description (from src/app/modules.ts). */
function moduleNames(fn: FunctionName): string {
  const names = modulesOf(fn).map((m) => m.name);
  return names.length > 0 ? names.join(', ') : 'no modules yet';
}
