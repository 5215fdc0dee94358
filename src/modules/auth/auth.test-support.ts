import { randomUUID } from 'node:crypto';
import { createRuntime } from '../../app/runtime.js';
import { createStandardApp } from '../../app/standard-app.js';
import { testConfig, TEST_PASSWORD } from '../../../test/harness/test-app.js';
import { createTestDatabase } from '../../../test/harness/test-db.js';
import type { Db } from '../../platform/db/database.js';
import { createUser } from './users.service.js';

export interface SourcedResponse {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/**
 * The standardApi app on a database of its own, called as API Gateway calls it: with an event whose
 * `requestContext.http.sourceIp` says where the request came from (the client's own headers, such as
 * X-Forwarded-For, are whatever the test sends).
 */
export async function createSourcedApp(configOverrides: Record<string, string> = {}) {
  const handle = await createTestDatabase();
  const runtime = createRuntime(testConfig(configOverrides), handle);
  const app = createStandardApp(runtime);

  async function request(
    method: string,
    path: string,
    options: { ip?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<SourcedResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const event = {
      headers,
      requestContext: { requestId: randomUUID(), http: { method, path, sourceIp: options.ip ?? '192.0.2.1' } },
    };
    const res = await app.request(
      path,
      { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) },
      { event },
    );
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  const login = (email: string, password: string, ip?: string) =>
    request('POST', '/api/v1/auth/login', { body: { email, password }, ...(ip ? { ip } : {}) });

  let counter = 0;
  async function user(roles: string[] = ['employee']) {
    const email = `sourced${++counter}-${randomUUID().slice(0, 8)}@example.com`;
    const created = await createUser(
      handle.db,
      { actor: null, requestId: 'test' },
      { email, name: `Sourced ${counter}`, password: TEST_PASSWORD, roles },
    );
    return { id: created.id, email };
  }

  return { db: handle.db as Db, handle, request, login, user, close: () => handle.close() };
}

export type SourcedApp = Awaited<ReturnType<typeof createSourcedApp>>;

/** The audit records of an entity, oldest first. */
export async function auditActions(db: Db, entityId: string) {
  return db
    .selectFrom('platform.audit_log')
    .select(['action', 'after', 'actor_id'])
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
}
