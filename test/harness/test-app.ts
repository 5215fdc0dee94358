import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { createStandardApp } from '../../src/app/standard-app.js';
import { createUser } from '../../src/modules/auth/index.js';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import type { DatabaseHandle } from '../../src/platform/db/create-database.js';
import type { Db } from '../../src/platform/db/database.js';
import { createTestDatabase } from './test-db.js';

export const TEST_JWT_SECRET = 'test-signing-key-that-is-long-enough-0123456789';
export const TEST_PASSWORD = 'correct horse battery staple';

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    JWT_SECRET: TEST_JWT_SECRET,
    MOMS_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'moms-data-')),
    PORT: '0',
    ...overrides,
  });
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  token?: string | undefined;
  headers?: Record<string, string>;
  rawBody?: string;
}

export interface TestApp {
  db: Db;
  handle: DatabaseHandle;
  runtime: Runtime;
  config: Config;
  request: <T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: RequestOptions,
  ) => Promise<ApiResponse<T>>;
  /** Creates an active user with these roles and returns a fresh access token for them. */
  userWithRoles: (roles: string[], email?: string) => Promise<{ id: string; email: string; token: string }>;
  login: (
    email: string,
    password?: string,
  ) => Promise<ApiResponse<{ accessToken: string; refreshToken: string } & Record<string, unknown>>>;
  close: () => Promise<void>;
}

let counter = 0;

/** The standardApi app on a database of its own, driven through `app.request()`. */
export async function createTestApp(options: { poolMax?: number } = {}): Promise<TestApp> {
  const handle = await createTestDatabase(options);
  const config = testConfig();
  const runtime = createRuntime(config, handle);
  const app = createStandardApp(runtime);

  const request: TestApp['request'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as never };
  };

  const login: TestApp['login'] = (email, password = TEST_PASSWORD) =>
    request('POST', '/api/v1/auth/login', { body: { email, password } });

  const userWithRoles: TestApp['userWithRoles'] = async (roles, email) => {
    const address = email ?? `user${++counter}-${Date.now()}@example.com`;
    const user = await createUser(
      handle.db,
      { actor: null, requestId: 'test' },
      {
        email: address,
        name: `Test User ${counter}`,
        password: TEST_PASSWORD,
        roles,
      },
    );
    const res = await login(address);
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: user.id, email: address, token: res.body.accessToken };
  };

  return {
    db: handle.db,
    handle,
    runtime,
    config,
    request,
    userWithRoles,
    login,
    close: () => handle.close(),
  };
}
