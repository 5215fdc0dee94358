import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { stages } from './config/stages.js';
import { prices } from './cost/prices.js';
import { stackEnv } from './stack-env.js';

describe('the region a stage deploys to (issue #20)', () => {
  it('is the stage’s, whatever region the CDK CLI defaults to', () => {
    for (const stage of Object.values(stages)) {
      const env = stackEnv(stage, { CDK_DEFAULT_REGION: 'us-east-1', CDK_DEFAULT_ACCOUNT: '123456789012' });
      const stack = new Stack(new App(), `Region-${stage.name}`, { env });
      expect(stack.region).toBe(stage.region);
      expect(stack.account).toBe('123456789012');
    }
  });

  it('is the region the cost estimator prices', () => {
    for (const stage of Object.values(stages)) expect(stackEnv(stage, {}).region).toBe(prices.region);
  });
});
