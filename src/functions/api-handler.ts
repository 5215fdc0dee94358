import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Hono } from 'hono';
import { defaultIsContentTypeBinary, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { AppEnv } from '../platform/http/app-env.js';
import { lambdaRequest } from './light-request.js';
import { installLightResponse, LightResponse } from './light-response.js';

/** An API function as AWS types it: HTTP API payload format 2.0 in, a structured result out. */
export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context?: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const IDENTITY = /^identity$/i;

/**
 * What API Gateway must carry as base64, by Hono's adapter's rules: its content-type test (exported),
 * and any content encoding but `identity` (its `isContentEncodingBinary`, which it does not export).
 */
function isBinary(contentType: string | undefined, contentEncoding: string | undefined): boolean {
  if (contentType !== undefined && defaultIsContentTypeBinary(contentType)) return true;
  return !!contentEncoding && !IDENTITY.test(contentEncoding);
}

/** The structured result API Gateway expects for `response`; a text body held by a light response goes as it is. */
export async function toLambdaResult(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const light = LightResponse.parts(response);
  const source = light?.headers ?? response.headers;
  const headers: Record<string, string> = {};
  source.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = source.getSetCookie();
  const isBase64Encoded = isBinary(headers['content-type'], headers['content-encoding']);
  const body =
    light && !isBase64Encoded
      ? (light.body ?? '')
      : isBase64Encoded
        ? Buffer.from(await response.arrayBuffer()).toString('base64')
        : await response.text();
  return {
    body,
    statusCode: light?.status ?? response.status,
    isBase64Encoded,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
  };
}

/**
 * An API function's handler: the event becomes the Request Hono routes (`light-request.ts`), and
 * Hono's Response the structured result. It replaces Hono's own Lambda adapter (deprecated, for
 * every event kind) with one for HTTP API events that skips building and re-reading undici objects a
 * read does not need (docs/adr/0026); the result is the same as that adapter's.
 */
export function toApiHandler(app: Hono<AppEnv>): ApiHandler {
  installLightResponse();
  return async (event, context) => {
    let request: Request;
    try {
      request = lambdaRequest(event);
    } catch (error) {
      const invalid = error instanceof TypeError;
      return {
        body: invalid ? 'Invalid request' : 'Internal Server Error',
        statusCode: invalid ? 400 : 500,
        isBase64Encoded: false,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      };
    }
    const response = await app.fetch(request, {
      event: event as unknown as LambdaEvent,
      requestContext: event.requestContext,
      lambdaContext: context as unknown as LambdaContext,
    });
    return toLambdaResult(response);
  };
}
