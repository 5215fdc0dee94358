import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import pg from 'pg';
import { usersPage } from './users-page.js';

/**
 * Cold-start baseline for a database endpoint: a minimal Hono Lambda that opens one `pg` connection
 * on first use (DATABASE_URL) and runs the users page (users-page.ts). No auth, no framework.
 */
let client: Promise<pg.Client> | undefined;
const connect = () =>
  (client ??= (async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    return c;
  })());

const app = new Hono();
app.get('/api/v1/auth/users', async (c) =>
  c.json(await usersPage(await connect(), Number(c.req.query('limit') ?? 20))),
);

export const handler = handle(app);
