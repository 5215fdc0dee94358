import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import type { RouteMatch } from '../routes.js';
import { routeKey } from '../routes.js';

export interface IncomingRequest {
  method: string;
  /** Path and query as received, e.g. `/api/v1/auth/users?limit=5`. */
  url: string;
  /** Raw header pairs as Node received them (repeated names kept). */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  host: string;
}

const TEXT_TYPE =
  /^(text\/|application\/([a-z.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded)|application\/graphql)/i;

function httpDate(date: Date): string {
  // API Gateway's format: 12/Mar/2020:19:03:58 +0000
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

/** Headers as API Gateway v2 gives them: lower-case names, repeated values joined with commas, cookies apart. */
function collectHeaders(rawHeaders: string[]) {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return { headers, cookies };
}

function collectQuery(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const params: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    params[key] = params[key] === undefined ? value : `${params[key]},${value}`;
  }
  return params;
}

/** The payload-format-2.0 event API Gateway HTTP API sends for this request and route. */
export function buildProxyEvent(
  request: IncomingRequest,
  match: RouteMatch,
  now = new Date(),
  requestId: string = randomUUID(),
): APIGatewayProxyEventV2 {
  const [rawPath = '/', rawQueryString = ''] = request.url.split(/\?(.*)/s, 2);
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  // API Gateway writes the scheme the client used over any value sent; the emulator serves plain HTTP.
  headers['x-forwarded-proto'] = 'http';
  const key = routeKey(match.route);
  const isText = request.body.length === 0 || TEXT_TYPE.test(headers['content-type'] ?? '');
  const queryStringParameters = collectQuery(rawQueryString);
  return {
    version: '2.0',
    routeKey: key,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: request.host,
      domainPrefix: request.host.split('.')[0] ?? request.host,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: key,
      stage: '$default',
      time: httpDate(now),
      timeEpoch: now.getTime(),
    },
    ...(Object.keys(match.pathParameters).length > 0 ? { pathParameters: match.pathParameters } : {}),
    ...(request.body.length > 0
      ? { body: isText ? request.body.toString('utf8') : request.body.toString('base64') }
      : {}),
    isBase64Encoded: !isText,
  };
}

/** The REQUEST authorizer event (payload format 2.0) for the same request. */
export function buildAuthorizerEvent(event: APIGatewayProxyEventV2): APIGatewayRequestAuthorizerEventV2 {
  const { body: _body, isBase64Encoded: _b64, version: _v, ...rest } = event;
  return {
    ...rest,
    version: '2.0',
    type: 'REQUEST',
    routeArn: `arn:aws:execute-api:local:000000000000:local/$default/${event.requestContext.http.method}${event.rawPath}`,
    identitySource: [],
  } as APIGatewayRequestAuthorizerEventV2;
}
