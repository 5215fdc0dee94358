import type { Environment } from 'aws-cdk-lib';
import type { StageConfig } from './config/stages.js';

/**
 * Where a stage's stack deploys: the operator's account, and always the stage's own region. The CDK
 * CLI sets CDK_DEFAULT_REGION on every run (us-east-1 when nothing is configured), so preferring it
 * would deploy data, and price it, somewhere the stage does not say (issue #20). To deploy elsewhere,
 * change the stage's `region` in infra/config/stages.ts — the estimator reads the same value.
 */
export function stackEnv(stage: Pick<StageConfig, 'region'>, env: NodeJS.ProcessEnv = process.env): Environment {
  return { account: env.CDK_DEFAULT_ACCOUNT, region: stage.region };
}
