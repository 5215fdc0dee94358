import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routes, type FunctionName } from '../../src/gateway/routes.js';
import type { StageConfig } from '../config/stages.js';

/**
 * The HTTP API, its routes generated from `src/gateway/routes.ts` (the emulator's table: no second
 * list), the Lambda REQUEST authorizer on every protected route, CORS, throttling and access logs.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;

  constructor(
    scope: Construct,
    id: string,
    props: {
      stage: StageConfig;
      functions: Record<FunctionName, lambda.IFunction>;
      authorizer: lambda.IFunction;
      /** Origins allowed by CORS in addition to the stage's (e.g. the CloudFront domain). */
      extraOrigins?: string[];
    },
  ) {
    super(scope, id);
    const origins = [...props.stage.api.corsOrigins, ...(props.extraOrigins ?? [])];
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `moms-${props.stage.name}`,
      description: 'MOMS API (routes from src/gateway/routes.ts)',
      createDefaultStage: false,
      ...(origins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: origins,
              allowMethods: [apigw.CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
              exposeHeaders: ['x-request-id', 'location', 'retry-after', 'idempotent-replayed'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.stage.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.stage.api.throttleRate, burstLimit: props.stage.api.throttleBurst },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    // The authorizer passes its verdict on and the function answers 401/403 as problem+json, so it
    // needs no identity source and caches nothing (docs/adr/0002).
    const authorizer = new HttpLambdaAuthorizer('Authorizer', props.authorizer, {
      authorizerName: 'moms-token',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: [],
      resultsCacheTtl: Duration.seconds(0),
    });
    const integrations = {
      standardApi: new HttpLambdaIntegration('StandardApi', props.functions.standardApi),
      containerizedApi: new HttpLambdaIntegration('ContainerizedApi', props.functions.containerizedApi),
    } satisfies Record<FunctionName, HttpLambdaIntegration>;

    for (const route of routes) {
      this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration: integrations[route.function],
        authorizer: route.authorizer ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
    }
  }

  /** `https://<api-id>.execute-api.<region>.amazonaws.com` */
  get url(): string {
    return this.stage.url;
  }
}
