import pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { logger } from '../observability/logger.js';
import { textArrayParser } from './text-arrays.js';
import { timestamptzParser } from './timestamps.js';

// pg parses `date` into a JS Date at local midnight, which shifts days across time zones.
// A date without time stays a 'YYYY-MM-DD' string, as it is in SQL (DESIGN.md: dates are `date`).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

type TypeId = Parameters<typeof pg.types.getTypeParser>[0];
type Parser = ((value: string) => unknown) & { fast?: true };

/**
 * Puts `make(pg's parser)` in place of pg's own parser of these types, once per process (the result
 * is marked `fast`), for each type whose parser is still the first type's: `make` reads the common
 * forms itself and hands anything else to pg's parser, so the values are the same.
 */
function readFaster(types: readonly TypeId[], make: (pgParser: Parser) => (value: string) => unknown): void {
  const original = pg.types.getTypeParser(types[0]!) as Parser;
  if (original.fast) return;
  const fast = Object.assign(make(original), { fast: true as const });
  for (const type of types) if (pg.types.getTypeParser(type) === original) pg.types.setTypeParser(type, fast);
}

// The same Dates as pg's own timestamptz parser, read without regular expressions (timestamps.ts).
readFaster([pg.types.builtins.TIMESTAMPTZ], timestamptzParser);
// One-dimensional text[], varchar[] and uuid[] read without postgres-array's state machine (text-arrays.ts).
readFaster(
  [1009, 1015, 2951].map((oid) => oid as unknown as TypeId),
  textArrayParser,
);

export interface PgPoolOptions {
  connectionString: string;
  /** Connections per process. Lambda: 1 (one request at a time per container). */
  max: number;
  /** Close idle connections quickly so Aurora Serverless v2 can auto-pause. */
  idleTimeoutMillis: number;
  statementTimeoutMs: number;
  /** Total time to keep retrying a failed connect (Aurora resuming from auto-pause takes ~15 s). */
  connectRetryMs: number;
  /** Per-attempt connect timeout. */
  connectTimeoutMs?: number;
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  '57P03', // cannot_connect_now: the server is starting up / resuming
  '53300', // too_many_connections
  '08006', // connection_failure
  '08001', // sqlclient_unable_to_establish_sqlconnection
]);

export function isTransientConnectError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
  return /timeout expired|Connection terminated|the database system is (starting up|shutting down)/i.test(
    error.message,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A pg pool whose `connect()` retries transient failures with exponential backoff and jitter, for
 * the seconds an Aurora Serverless v2 cluster takes to resume from auto-pause. Kysely's
 * PostgresDialect takes it as its pool.
 */
export class RetryingPgPool implements PostgresPool {
  readonly pool: pg.Pool;
  constructor(private readonly options: PgPoolOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max,
      idleTimeoutMillis: options.idleTimeoutMillis,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
      statement_timeout: options.statementTimeoutMs,
      idle_in_transaction_session_timeout: Math.max(options.statementTimeoutMs * 2, 10_000),
      application_name: 'moms',
    });
    // An idle client that the server drops (Aurora pausing, failover) must not crash the process.
    this.pool.on('error', (error) => logger.warn('idle database connection failed', { error: error.message }));
  }

  async connect(): Promise<PostgresPoolClient> {
    const deadline = Date.now() + this.options.connectRetryMs;
    let delay = 100;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.connect();
      } catch (error) {
        const remaining = deadline - Date.now();
        if (!isTransientConnectError(error) || remaining <= 0) throw error;
        const wait = Math.min(delay + Math.random() * delay, remaining, 2_000);
        logger.info('database not reachable yet; retrying', {
          attempt,
          waitMs: Math.round(wait),
          error: (error as Error).message,
        });
        await sleep(wait);
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}
