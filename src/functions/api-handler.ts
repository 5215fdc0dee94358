import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { AppEnv } from '../platform/http/app-env.js';

/** An API function as AWS types it: HTTP API payload format 2.0 in, a structured result out. */
export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** Hono's Lambda adapter, typed with AWS's own event types (Hono's differ in `body: string | null`). */
export function toApiHandler(app: OpenAPIHono<AppEnv>): ApiHandler {
  const run = handle(app);
  return (event, context) =>
    run(
      event as unknown as LambdaEvent,
      context as unknown as LambdaContext,
    ) as Promise<APIGatewayProxyStructuredResultV2>;
}
