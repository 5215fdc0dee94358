import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
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
  readonly secret: secretsmanager.ISecret;

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
      backup: { retention: Duration.days(database.backupRetentionDays) },
      deletionProtection: database.deletionProtection,
      removalPolicy: prod ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
      cloudwatchLogsExports: ['postgresql'],
      cloudwatchLogsRetention: props.stage.logRetentionDays as logs.RetentionDays,
      enablePerformanceInsights: false,
      parameters: { 'rds.force_ssl': '1' },
    });
    this.secret = this.cluster.secret!;
  }
}
