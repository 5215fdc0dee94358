import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stages.js';
import type { Network } from './network.js';

/** Key areas of the files bucket (src/platform/files/file-store.ts `objectKey`). */
export const FILE_AREAS = { attachments: 'attachments/', results: 'results/' } as const;

/** Days a job result (an export, a report) stays downloadable before the bucket removes it. */
export const RESULT_RETENTION_DAYS = 30;

/**
 * The file store on AWS (docs/files.md): one private bucket for attachments and job results. Browsers
 * upload and download with presigned URLs signed by the functions' roles, so each function gets only
 * the object actions on the key areas it uses. The bucket's name is fixed from the stage, account and
 * region, and the policies name it as a string: the functions then do not depend on the bucket
 * resource, which depends on the CloudFront distribution (CORS) that depends on the API.
 */
export class FileStorage extends Construct {
  readonly bucket: s3.Bucket;
  readonly bucketName: string;
  readonly #stageName: string;

  constructor(scope: Construct, id: string, props: { stage: StageConfig; network: Network }) {
    super(scope, id);
    this.#stageName = props.stage.name;
    const prod = props.stage.name === 'prod';
    this.bucketName = `moms-${props.stage.name}-files-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      lifecycleRules: [{ expiration: Duration.days(props.stage.logRetentionDays) }],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });
    this.bucket = new s3.Bucket(this, 'Files', {
      bucketName: this.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: prod,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'files-bucket/',
      lifecycleRules: [
        // A streaming write that crashed (or an abandoned browser upload) leaves parts that bill.
        { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-results', prefix: FILE_AREAS.results, expiration: Duration.days(RESULT_RETENTION_DAYS) },
        ...(prod ? [{ id: 'old-versions', noncurrentVersionExpiration: Duration.days(30) }] : []),
      ],
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !prod,
    });

    // The functions live in isolated subnets: S3 through a gateway endpoint (free), HTTPS out only.
    props.network.vpc.addGatewayEndpoint('S3', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [{ subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    props.network.functionsSecurityGroup.addEgressRule(
      ec2.Peer.anyIpv4(),
      ec2.Port.tcp(443),
      'functions to S3 (the isolated subnets route only to the S3 gateway endpoint and the interface endpoints)',
    );
  }

  #objects(area: keyof typeof FILE_AREAS): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}/${FILE_AREAS[area]}*`;
  }

  #environment(fn: lambda.Function): void {
    fn.addEnvironment('FILES_BUCKET', this.bucketName);
    // cdk-nag sees `<area>/*` as a wildcard: it is the narrowest grant for keys MOMS makes at run time.
    for (const area of Object.values(FILE_AREAS)) {
      Validations.of(fn).acknowledge({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::moms-${this.#stageName}-files-<AWS::AccountId>-<AWS::Region>/${area}*]`,
        reason: `Objects are created at run time under ${area} (one key per attachment or job result); the grant is that one area of the files bucket, object actions only.`,
      });
    }
  }

  /**
   * An API function: signs upload URLs for attachments (PutObject), checks and reads what arrived and
   * signs download URLs (GetObject, also for job results), removes refused uploads (DeleteObject).
   */
  grantApi(fn: lambda.Function): void {
    this.#environment(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
        resources: [this.#objects('attachments')],
      }),
    );
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.#objects('results')] }));
  }

  /**
   * The worker: writes job results (multipart included), reads attachments (imports) and writes the
   * generated records that must outlive the results' 30 days (Compliance's reports, docs/adr/0024).
   */
  grantWorker(fn: lambda.Function): void {
    this.#environment(fn);
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        resources: [this.#objects('results')],
      }),
    );
    fn.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:PutObject'], resources: [this.#objects('attachments')] }),
    );
  }

  /** Browsers PUT and GET presigned URLs from these origins (the web app's). */
  allowBrowsersFrom(origins: string[]): void {
    if (origins.length === 0) return;
    this.bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
      allowedOrigins: origins,
      allowedHeaders: ['content-type'],
      exposedHeaders: ['etag'],
      maxAge: 3600,
    });
  }

  /** The logical id of the bucket (for nag acknowledgements). */
  get logicalId(): string {
    return Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
  }
}
