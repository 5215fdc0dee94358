import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stages } from '../../infra/config/stages.js';
import { MomsStack } from '../../infra/moms-stack.js';
import { chromiumMissing, startE2E, type E2E } from './harness.js';

/**
 * The web app and the API behind CloudFront, as the synthesized distribution defines it (issue #20):
 * a small emulator reads the staging template's behaviours — path patterns, viewer-request functions
 * (their real code), custom error responses — and puts them in front of the local stack (the API
 * origin) and web/dist (the S3 origin, which answers 403 for a key it does not have, as through OAC).
 * Chromium then checks that an API 404 stays a 404 with problem+json, and that client-side routes
 * still get the app shell.
 */
const DIST = path.resolve(import.meta.dirname, '../dist');

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  FunctionAssociations?: { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }[];
}
interface DistributionConfig {
  DefaultCacheBehavior: Behavior;
  CacheBehaviors?: Behavior[];
  Origins: { Id: string; S3OriginConfig?: unknown; CustomOriginConfig?: unknown }[];
  CustomErrorResponses?: { ErrorCode: number; ResponseCode?: number; ResponsePagePath?: string }[];
}
type ViewerRequest = { uri: string; headers: Record<string, { value: string }> };
type CloudFrontFunction = (event: { request: ViewerRequest; viewer: { ip: string } }) => ViewerRequest;

function synthesizedDistribution() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new MomsStack(app, 'Moms-cloudfront-e2e', { stage: stages.staging });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const [distribution] = Object.values(resources).filter((r) => r.Type === 'AWS::CloudFront::Distribution');
  const functions = new Map(
    Object.entries(resources)
      .filter(([, r]) => r.Type === 'AWS::CloudFront::Function')
      .map(([id, r]) => [
        id,
        new Function(`${String(r.Properties.FunctionCode)}; return handler;`)() as CloudFrontFunction,
      ]),
  );
  return { config: distribution!.Properties.DistributionConfig as DistributionConfig, functions };
}

/** CloudFront path patterns: `*` matches any characters (including `/`). */
const matches = (pattern: string, uri: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*')}$`).test(uri);

function startCloudFront(apiOrigin: string): Promise<Server> {
  const { config, functions } = synthesizedDistribution();
  const s3Origins = new Set(config.Origins.filter((o) => o.S3OriginConfig).map((o) => o.Id));

  async function fromS3(uri: string): Promise<{ status: number; type: string; body: Buffer }> {
    const file = path.join(DIST, path.normalize(decodeURIComponent(uri)).replace(/^(\.\.[/\\])+/, ''));
    try {
      const type = file.endsWith('.html') ? 'text/html' : file.endsWith('.js') ? 'text/javascript' : 'text/plain';
      return { status: 200, type, body: await readFile(file) };
    } catch {
      // Through OAC without s3:ListBucket, a missing key is 403 AccessDenied.
      return { status: 403, type: 'application/xml', body: Buffer.from('<Error><Code>AccessDenied</Code></Error>') };
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://cloudfront.local');
    const behavior =
      (config.CacheBehaviors ?? []).find((b) => matches(b.PathPattern!, url.pathname)) ?? config.DefaultCacheBehavior;
    let request: ViewerRequest = { uri: url.pathname, headers: {} };
    for (const association of behavior.FunctionAssociations ?? []) {
      if (association.EventType !== 'viewer-request') continue;
      request = functions.get(association.FunctionARN['Fn::GetAtt'][0])!({ request, viewer: { ip: '198.51.100.7' } });
    }
    let status: number;
    let type: string;
    let body: Buffer;
    if (s3Origins.has(behavior.TargetOriginId)) {
      ({ status, type, body } = await fromS3(request.uri));
    } else {
      const upstream = await fetch(`${apiOrigin}${request.uri}${url.search}`, {
        method: req.method ?? 'GET',
        headers: { accept: String(req.headers.accept ?? '*/*') },
      });
      status = upstream.status;
      type = upstream.headers.get('content-type') ?? '';
      body = Buffer.from(await upstream.arrayBuffer());
    }
    // Custom error responses apply to every behaviour of the distribution.
    const rewrite = config.CustomErrorResponses?.find((e) => e.ErrorCode === status);
    if (rewrite?.ResponsePagePath) {
      ({ type, body } = await fromS3(rewrite.ResponsePagePath));
      status = rewrite.ResponseCode ?? status;
    }
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(chromiumMissing)('behind CloudFront (the synthesized staging distribution)', () => {
  let e2e: E2E;
  let cloudFront: Server;
  let cdn: string;
  beforeAll(async () => {
    e2e = await startE2E();
    cloudFront = await startCloudFront(e2e.baseUrl);
    cdn = `http://127.0.0.1:${(cloudFront.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    // The browser first (its keep-alive connections), then every connection left to the emulator.
    await e2e?.close();
    const closed = new Promise((resolve) => cloudFront?.close(resolve));
    cloudFront?.closeAllConnections();
    await closed;
  });

  it('an API 404 reaches the browser as a 404 with problem+json, not the app shell', async () => {
    const page = await e2e.newPage();
    const response = await page.goto(`${cdn}/api/v1/crm/no-such-thing`);
    expect(response!.status()).toBe(404);
    expect(response!.headers()['content-type']).toContain('application/problem+json');
    expect(JSON.parse(await response!.text())).toMatchObject({ status: 404 });
    const unauthorized = await page.goto(`${cdn}/api/v1/auth/me`);
    expect(unauthorized!.status()).toBe(401);
    expect(unauthorized!.headers()['content-type']).toContain('application/problem+json');
  });

  it('client-side routes get the app shell; a missing asset stays an error', async () => {
    const page = await e2e.newPage();
    const route = await page.goto(`${cdn}/finance/invoices`);
    expect(route!.status()).toBe(200);
    expect(await route!.text()).toContain('<div id="root">');
    const missing = await page.goto(`${cdn}/assets/no-such-file.js`);
    expect(missing!.status()).toBe(403);
  });
});
