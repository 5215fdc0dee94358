import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';
import type { Network } from './network.js';

/**
 * Aurora Serverless v2 PostgreSQL in the isolated subnets. dev and staging scale to 0 ACU and pause
 * when idle; prod keeps a minimum and a reader in a second AZ. Credentials are generated into
 * Secrets Manager; functions get the secret's ARN, never the password.
 */
export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  /** The master user's secret: only the migrations function reads it. */
  readonly secret: secretsmanager.ISecret;
  /** The application role's secret (RDS format): the API functions and the worker connect with it. */
  readonly appSecret: secretsmanager.Secret;

  /**
   * Lets a function use the RDS Data API on this cluster as the user of `secret`: the four Data API
   * calls the dialect makes (src/platform/db/data-api/dialect.ts), on this cluster only, and reading
   * that secret (the Data API reads it with the caller's permissions). No BatchExecuteStatement, no
   * other cluster, no other secret.
   */
  grantDataApi(grantee: iam.IGrantable, secret: secretsmanager.ISecret): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'rds-data:ExecuteStatement',
        'rds-data:BeginTransaction',
        'rds-data:CommitTransaction',
        'rds-data:RollbackTransaction',
      ],
      resourceArns: [this.cluster.clusterArn],
    });
    secret.grantRead(grantee);
  }

  constructor(scope: Construct, id: string, props: { stage: StageConfig; network: Network }) {
    super(scope, id);
    const { database } = props.stage;
    const prod = props.stage.name === 'prod';
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_11 }),
      credentials: rds.Credentials.fromGeneratedSecret('moms_admin', {
        secretName: `moms/${props.stage.name}/database`,
      }),
      defaultDatabaseName: 'moms',
      writer: rds.ClusterInstance.serverlessV2('writer', { autoMinorVersionUpgrade: true }),
      readers: database.reader
        ? [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true, autoMinorVersionUpgrade: true })]
        : [],
      serverlessV2MinCapacity: database.minCapacity,
      serverlessV2MaxCapacity: database.maxCapacity,
      ...(database.minCapacity === 0 && database.autoPauseSeconds
        ? { serverlessV2AutoPauseDuration: Duration.seconds(database.autoPauseSeconds) }
        : {}),
      vpc: props.network.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      securityGroups: [props.network.databaseSecurityGroup],
      storageEncrypted: true,
      iamAuthentication: true,
      // The RDS Data API (HTTPS endpoint) for the stages whose functions use it instead of connections.
      enableDataApi: props.stage.database.access === 'data-api',
      backup: { retention: Duration.days(database.backupRetentionDays) },
      deletionProtection: database.deletionProtection,
      removalPolicy: prod ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
      cloudwatchLogsRetention: props.stage.logRetentionDays as logs.RetentionDays,
      enablePerformanceInsights: false,
      parameters: {
        'rds.force_ssl': '1',
        // Frozen Lambda sandboxes keep their idle connections open, and an open connection keeps the
        // cluster from auto-pausing: where it auto-pauses, the server ends sessions idle for a minute.
        ...(database.minCapacity === 0 && database.autoPauseSeconds ? { idle_session_timeout: '60000' } : {}),
      },
    });
    this.secret = this.cluster.secret!;
    // The role the functions connect as: rows of the application's schemas, no DDL, not the master
    // user. The migrations function (as master) creates it and keeps its grants (src/platform/db/app-role.ts).
    this.appSecret = new secretsmanager.Secret(this, 'AppUser', {
      secretName: `moms/${props.stage.name}/database-app`,
      description: 'MOMS: the database role the application functions connect as',
      generateSecretString: {
        secretStringTemplate: Stack.of(this).toJsonString({
          engine: 'postgres',
          username: 'moms_app',
          dbname: 'moms',
          host: this.cluster.clusterEndpoint.hostname,
          port: 5432,
        }),
        generateStringKey: 'password',
        passwordLength: 40,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
