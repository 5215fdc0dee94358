import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { logger } from '../../platform/observability/logger.js';
import { matchRoute, routes as defaultRoutes, type FunctionName, type Route } from '../routes.js';
import { LOCAL_FILES_PATH } from '../../platform/files/local-file-store.js';
import { buildAuthorizerEvent, buildProxyEvent } from './events.js';
import type { LocalFileServer } from './local-files.js';
import { chooseEncoding, compress, isCompressible, MIN_COMPRESS_BYTES } from './compression.js';
import { serveStatic } from './static-files.js';

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
export type AuthorizerHandler = (
  event: APIGatewayRequestAuthorizerEventV2,
  context: Context,
) => Promise<{ isAuthorized: boolean; context?: Record<string, unknown> }>;

/** API Gateway HTTP API quotas that the emulator enforces, so local behaviour matches AWS. */
export const API_GATEWAY_LIMITS = {
  /** HTTP API request payload quota. */
  maxRequestBytes: 10 * 1024 * 1024,
  /** HTTP API maximum integration timeout. */
  integrationTimeoutMs: 30_000,
  /** Lambda's synchronous invocation response payload quota. */
  maxResponseBytes: 6 * 1024 * 1024,
};

export interface EmulatorOptions {
  functions: Record<FunctionName, LambdaHandler>;
  authorizer: AuthorizerHandler;
  routes?: readonly Route[];
  /** The web build to serve for non-API paths (SPA fallback to index.html). */
  webDir?: string | undefined;
  limits?: Partial<typeof API_GATEWAY_LIMITS>;
  /** Signed URLs of the local file store (`/api/local-files/…`): what S3 answers on AWS, outside API Gateway. */
  files?: LocalFileServer;
}

interface LambdaResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

class TimeoutError extends Error {}

function lambdaContext(functionName: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  const requestId = randomUUID();
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** `work`'s outcome, or a TimeoutError after `ms` (one timer, no race of promises: it runs twice per request). */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}

const NO_BODY = Buffer.alloc(0);

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  // A request that announces no body (no content-length or 0, no transfer-encoding) has none to wait for.
  const length = req.headers['content-length'];
  if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(NO_BODY);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** API Gateway's own error bodies are plain JSON `{"message": ...}`, not problem+json. */
function gatewayError(res: ServerResponse, status: number, message: string, requestId: string) {
  const body = JSON.stringify({ message });
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'apigw-requestid': requestId,
  });
  res.end(body);
}

/**
 * Writes a function's result as API Gateway would. Like CloudFront in front of the API on AWS, the
 * local server compresses text-like bodies the client accepts (the 6 MB limit applies before).
 */
async function writeLambdaResult(
  res: ServerResponse,
  raw: unknown,
  maxBytes: number,
  requestId: string,
  acceptEncoding: string | string[] | undefined,
) {
  // A handler that returns something other than a response object: API Gateway sends it as JSON.
  const result: LambdaResult =
    raw && typeof raw === 'object' && 'statusCode' in raw
      ? (raw as LambdaResult)
      : {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: typeof raw === 'string' ? raw : JSON.stringify(raw),
        };
  let body: Buffer =
    result.body === undefined ? Buffer.alloc(0) : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  if (body.length > maxBytes) return gatewayError(res, 502, 'Internal Server Error', requestId);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(result.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String);
  }
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const contentType = headers['content-type'];
  if (
    body.length >= MIN_COMPRESS_BYTES &&
    !headers['content-encoding'] &&
    isCompressible(typeof contentType === 'string' ? contentType : undefined)
  ) {
    const encoding = chooseEncoding(acceptEncoding);
    const vary = headers['vary'];
    headers['vary'] = vary ? `${String(vary)}, accept-encoding` : 'accept-encoding';
    if (encoding) {
      body = await compress(body, encoding, 'dynamic');
      headers['content-encoding'] = encoding;
    }
  }
  headers['content-length'] = String(body.length);
  headers['apigw-requestid'] = requestId;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(body);
}

/**
 * The local API Gateway: turns each HTTP request into the payload-format-2.0 event API Gateway
 * would send, runs the authorizer first on protected routes and passes its context on, invokes the
 * function in-process, and writes its response back — with API Gateway's limits.
 */
export function createEmulator(options: EmulatorOptions): Server {
  const limits = { ...API_GATEWAY_LIMITS, ...options.limits };
  const table = options.routes ?? defaultRoutes;

  return createServer((req, res) => {
    void (async () => {
      const method = (req.method ?? 'GET').toUpperCase();
      const url = req.url ?? '/';
      const path = url.split('?')[0] ?? '/';
      if (options.files && path.startsWith(LOCAL_FILES_PATH)) return options.files(req, res);
      const match = matchRoute(method, path, table);
      const gatewayRequestId = randomUUID();

      if (!match) {
        if ((method === 'GET' || method === 'HEAD') && options.webDir && !path.startsWith('/api/')) {
          if (serveStatic(options.webDir, url, method, res, req.headers)) return;
        }
        return gatewayError(res, 404, 'Not Found', gatewayRequestId);
      }

      const body = await readBody(req, limits.maxRequestBytes);
      if (body === 'too-large') return gatewayError(res, 413, 'Request Entity Too Large', gatewayRequestId);

      const event = buildProxyEvent(
        {
          method,
          url,
          rawHeaders: req.rawHeaders,
          body,
          sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
          host: req.headers.host ?? 'localhost',
        },
        match,
        new Date(),
        // As on AWS: the id in the event is the one API Gateway answers with (`apigw-requestid`).
        gatewayRequestId,
      );

      if (match.route.authorizer) {
        let verdict: Awaited<ReturnType<AuthorizerHandler>>;
        try {
          verdict = await withTimeout(
            options.authorizer(buildAuthorizerEvent(event), lambdaContext('authorizer', 10_000)),
            10_000,
          );
        } catch (error) {
          logger.error('authorizer failed', { error: (error as Error).message });
          return gatewayError(res, 500, 'Internal Server Error', gatewayRequestId);
        }
        if (!verdict?.isAuthorized) return gatewayError(res, 403, 'Forbidden', gatewayRequestId);
        (event.requestContext as { authorizer?: unknown }).authorizer = { lambda: verdict.context ?? {} };
      }

      const handler = options.functions[match.route.function];
      try {
        const result = await withTimeout(
          handler(event, lambdaContext(match.route.function, limits.integrationTimeoutMs)),
          limits.integrationTimeoutMs,
        );
        await writeLambdaResult(
          res,
          result,
          limits.maxResponseBytes,
          event.requestContext.requestId,
          req.headers['accept-encoding'],
        );
      } catch (error) {
        if (error instanceof TimeoutError) return gatewayError(res, 503, 'Service Unavailable', gatewayRequestId);
        logger.error('function failed', { function: match.route.function, error: (error as Error).message });
        gatewayError(res, 500, 'Internal Server Error', gatewayRequestId);
      }
    })().catch((error: unknown) => {
      logger.error('emulator failed', { error: (error as Error).message });
      if (!res.headersSent) gatewayError(res, 500, 'Internal Server Error', 'emulator');
      else res.destroy();
    });
  });
}
