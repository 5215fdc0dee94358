import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import pg from 'pg';
import { contactsPage } from './contacts-page.js';
import { usersPage } from './users-page.js';

export interface BaselineServer {
  url: string;
  /** The pool's statements go through pg.Client#query like the app's (counted by sql-counter.ts). */
  close: () => Promise<void>;
}

/** Throughput baseline: bare Hono on @hono/node-server with a pg Pool, serving the users and contacts pages only. */
export async function startBaselineServer(databaseUrl: string, poolMax: number): Promise<BaselineServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolMax });
  // An idle connection ended by the database's drop at the end of the run is no failure.
  pool.on('error', () => undefined);
  const app = new Hono();
  app.get('/api/v1/auth/users', async (c) => c.json(await usersPage(pool, Number(c.req.query('limit') ?? 20))));
  app.get('/api/v1/crm/contacts', async (c) => c.json(await contactsPage(pool, Number(c.req.query('limit') ?? 50))));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}
