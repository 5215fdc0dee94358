import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

/** Cold-start baseline: the smallest Hono Lambda that answers GET /api/health with JSON. */
const app = new Hono();
app.get('/api/health', (c) => c.json({ status: 'ok', service: 'baseline', version: '0' }));

export const handler = handle(app);
