import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { AssetHashType, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Platform } from 'aws-cdk-lib/aws-ecr-assets';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { containerBuildOptions, esbuildVersion, type ContainerFunction, type ZipFunction } from '../bundling.js';
import type { StageConfig } from '../config/stages.js';
import type { Network } from './network.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/** API Gateway HTTP API's integration timeout is 30 s: synchronous API functions must end before it. */
export const SYNC_API_TIMEOUT = Duration.seconds(29);

/**
 * The API functions' database time budget, inside SYNC_API_TIMEOUT with a margin: up to 18 s to
 * connect (Aurora Serverless v2 resuming from auto-pause takes about 15 s), then 10 s per statement.
 * The defaults (25 s + 25 s) could outlast the function and end in API Gateway's bare 503 (issue #20).
 */
export const API_DB_TIMEOUTS = { DB_CONNECT_RETRY_MS: '18000', DB_STATEMENT_TIMEOUT_MS: '10000' } as const;

export interface FunctionOptions {
  /** Human description, shown in the console. */
  description: string;
  timeout: Duration;
  memorySize?: number;
  /** Place the function in the VPC (to reach Aurora). */
  inVpc: boolean;
  environment?: Record<string, string>;
  /** Reserved concurrency (a ceiling, e.g. on database connections); none when absent. */
  reservedConcurrency?: number | undefined;
}

/**
 * Every function default in one place: Node.js 24 on arm64, ESM bundles with source maps, a log
 * group with the stage's retention, X-Ray pass-through, VPC placement, and environment that never holds
 * a secret (only ARNs).
 */
export class MomsFunctions extends Construct {
  constructor(
    scope: Construct,
    id: string,
    private readonly props: { stage: StageConfig; network: Network; webDir?: string | undefined },
  ) {
    super(scope, id);
  }

  private common(name: string, options: FunctionOptions) {
    const logGroup = new logs.LogGroup(this, `${name}Logs`, {
      retention: this.props.stage.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    return {
      functionName: `moms-${this.props.stage.name}-${name}`,
      description: options.description,
      architecture: lambda.Architecture.ARM_64,
      timeout: options.timeout,
      memorySize: options.memorySize ?? this.props.stage.lambda.apiMemoryMb,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // X-Ray PassThrough, not Active (issue #20): API Gateway HTTP APIs do not trace, so Active would
      // start a trace per invocation holding only Lambda's own segments — what the CloudWatch metrics,
      // alarms and logs already show — billed per trace, and the Tracer that would add more costs cold
      // start. A caller that does trace (a sampled header) is still followed.
      tracing: lambda.Tracing.PASS_THROUGH,
      ...(options.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: options.reservedConcurrency }
        : {}),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // Aurora requires TLS; the runtime's CA bundle holds the RDS certificate authorities.
        NODE_EXTRA_CA_CERTS: '/var/runtime/ca-cert.pem',
        MOMS_STAGE: this.props.stage.name,
        DB_POOL_MAX: '1',
        ...options.environment,
      },
      ...(options.inVpc
        ? {
            vpc: this.props.network.vpc,
            vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
            securityGroups: [this.props.network.functionsSecurityGroup],
          }
        : {}),
    };
  }

  /**
   * A zip function bundled from `src/functions/<file>.ts` by esbuild (locally; no Docker) with the
   * options the benchmarks use (infra/bundling.ts `zipBuildOptions`, run by infra/build-zip.ts): an
   * entry `index.mjs` and the chunks it loads, statically or on first use. Not NodejsFunction: it
   * bundles to a single file.
   */
  zip(name: string, file: ZipFunction, options: FunctionOptions & { copyWebBuild?: boolean }): lambda.Function {
    const webDir = options.copyWebBuild ? this.props.webDir : undefined;
    return new lambda.Function(this, name, {
      ...this.common(name, options),
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(REPO_ROOT, {
        // The hash of what is shipped (the source folder is the whole repository).
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local bundling below always runs (or throws).
          image: lambda.Runtime.NODEJS_24_X.bundlingImage,
          local: {
            tryBundle: (outputDir: string) => {
              // infra/bundling.ts `zipBuildOptions`, built with esbuild's async API (it runs a plugin).
              execFileSync(process.execPath, ['--import', 'tsx', 'infra/build-zip.ts', file, outputDir], {
                cwd: REPO_ROOT,
                stdio: ['ignore', 'inherit', 'inherit'],
              });
              if (webDir) cpSync(webDir, path.join(outputDir, 'web'), { recursive: true });
              return true;
            },
          },
        },
      }),
    });
  }

  /**
   * A container-image function `src/functions/<file>.ts`, built from infra/docker/Dockerfile (at deploy;
   * only copied at synth) with the same esbuild options as the zip functions (infra/bundling.ts).
   */
  container(name: string, file: ContainerFunction, options: FunctionOptions): lambda.DockerImageFunction {
    return new lambda.DockerImageFunction(this, name, {
      ...this.common(name, options),
      code: lambda.DockerImageCode.fromImageAsset(REPO_ROOT, {
        file: 'infra/docker/Dockerfile',
        buildArgs: { BUILD_OPTIONS: containerBuildOptions(file), ESBUILD_VERSION: esbuildVersion() },
        cmd: [`${file}.handler`],
        platform: Platform.LINUX_ARM64, // arm64 functions run arm64 images
      }),
    });
  }
}
