import type { ExecuteStatementCommandOutput, RDSDataClient } from '@aws-sdk/client-rds-data';
import type * as RdsData from '@aws-sdk/client-rds-data';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { logger } from '../../observability/logger.js';
import { constraintOf, decodeRecord, inlineParameters, sqlStateOf } from './values.js';

export interface DataApiOptions {
  /** The Aurora cluster's ARN. */
  resourceArn: string;
  /** A Secrets Manager secret with the database user's `username` and `password`. */
  secretArn: string;
  /** The database name (default: the secret's). */
  database?: string | undefined;
  /** A Data API-compatible endpoint instead of AWS's (the local test server, test/harness/data-api-server.ts). */
  endpoint?: string | undefined;
  region?: string | undefined;
  /** How long to keep retrying while a paused Aurora resumes (DatabaseResumingException). */
  resumeRetryMs: number;
  /** The client's HTTP timeout per call (the Data API itself stops a statement after 45 s). */
  requestTimeoutMs?: number | undefined;
  /** A ready client (tests); otherwise one is made from endpoint/region. */
  client?: RDSDataClient;
}

/**
 * A Kysely dialect over the Amazon RDS Data API (HTTPS; no VPC, no connection to hold): PostgreSQL's
 * SQL, adapter and introspector, with statements sent as ExecuteStatement calls and Kysely transactions
 * mapped onto BeginTransaction / CommitTransaction / RollbackTransaction. Values: ./values.ts.
 *
 * What it cannot do (docs/adr/0005): session state across statements outside a transaction (each call
 * may run on another server session), so session-level advisory locks, `SET` and temporary tables only
 * work inside a transaction — MOMS uses `pg_advisory_xact_lock` only, always inside one; a response
 * over 1 MiB (or a row over 64 KB) is refused by the Data API; streaming is not offered.
 */
export class DataApiDialect implements Dialect {
  constructor(private readonly options: DataApiOptions) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new DataApiDriver(this.options);
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

/** A database error from the Data API, shaped like `pg`'s (code = SQLSTATE, constraint) for toAppError. */
export class DataApiDatabaseError extends Error {
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'DataApiDatabaseError';
    this.code = sqlStateOf(message);
    this.constraint = constraintOf(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Sdk = typeof RdsData;

class DataApiDriver implements Driver {
  #client: RDSDataClient | undefined;
  #sdk: Sdk | undefined;
  constructor(private readonly options: DataApiOptions) {}

  async init(): Promise<void> {
    // Loaded on first use (the Lambda runtime provides the SDK; bundles leave it external).
    const sdk = await import('@aws-sdk/client-rds-data');
    this.#sdk = sdk;
    this.#client =
      this.options.client ??
      new sdk.RDSDataClient({
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        ...(this.options.region ? { region: this.options.region } : {}),
        ...(this.options.requestTimeoutMs ? { requestHandler: { requestTimeout: this.options.requestTimeoutMs } } : {}),
      });
  }

  /** Each Kysely connection is a handle that may carry a transaction id; nothing is held open. */
  async acquireConnection(): Promise<DatabaseConnection> {
    return new DataApiConnection(this.#sdk!, this.#client!, this.options);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const conn = connection as DataApiConnection;
    await conn.begin();
    if (settings.isolationLevel || settings.accessMode) {
      const parts = [
        settings.isolationLevel ? `isolation level ${settings.isolationLevel}` : '',
        settings.accessMode ?? '',
      ].filter(Boolean);
      await conn.executeQuery(CompiledQuery.raw(`set transaction ${parts.join(' ')}`));
    }
  }
  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as DataApiConnection).commit();
  }
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as DataApiConnection).rollback();
  }
  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {
    if (!this.options.client) this.#client?.destroy();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

const WRITE_NODES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);

class DataApiConnection implements DatabaseConnection {
  #transactionId: string | undefined;
  constructor(
    private readonly sdk: Sdk,
    private readonly client: RDSDataClient,
    private readonly options: DataApiOptions,
  ) {}

  private get target() {
    return {
      resourceArn: this.options.resourceArn,
      secretArn: this.options.secretArn,
      ...(this.options.database ? { database: this.options.database } : {}),
    };
  }

  async begin(): Promise<void> {
    const out = await this.call(() => this.client.send(new this.sdk.BeginTransactionCommand(this.target)), true);
    if (!out.transactionId) throw new Error('The Data API started no transaction');
    this.#transactionId = out.transactionId;
  }

  async commit(): Promise<void> {
    const transactionId = this.#take();
    await this.call(
      () => this.client.send(new this.sdk.CommitTransactionCommand({ ...this.target, transactionId })),
      false,
    );
  }

  async rollback(): Promise<void> {
    // After a failed commit the transaction is over already (Kysely still calls rollback): nothing to undo.
    if (this.#transactionId === undefined) return;
    const transactionId = this.#take();
    try {
      await this.call(
        () => this.client.send(new this.sdk.RollbackTransactionCommand({ ...this.target, transactionId })),
        false,
      );
    } catch (error) {
      // A statement error may already have ended the transaction on the Data API's side: nothing to undo.
      if ((error as { cause?: { name?: string } }).cause?.name === 'TransactionNotFoundException') return;
      throw error;
    }
  }

  #take(): string {
    const id = this.#transactionId;
    this.#transactionId = undefined;
    if (!id) throw new Error('No Data API transaction is open on this connection');
    return id;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const sqlText = inlineParameters(compiledQuery.sql, compiledQuery.parameters);
    const transactionId = this.#transactionId;
    const out: ExecuteStatementCommandOutput = await this.call(
      () =>
        this.client.send(
          new this.sdk.ExecuteStatementCommand({
            ...this.target,
            sql: sqlText,
            ...(transactionId ? { transactionId } : {}),
            includeResultMetadata: true,
            resultSetOptions: { decimalReturnType: 'STRING', longReturnType: 'STRING' },
          }),
        ),
      // Outside a transaction a resuming database cancelled the call before it ran: safe to retry.
      transactionId === undefined,
    );
    const columns = out.columnMetadata ?? [];
    const rows = (out.records ?? []).map((record) => decodeRecord(columns, record) as R);
    const isWrite = WRITE_NODES.has(compiledQuery.query.kind) || /^\s*(insert|update|delete|merge)\b/i.test(sqlText);
    return {
      rows,
      ...(isWrite ? { numAffectedRows: BigInt(out.numberOfRecordsUpdated ?? rows.length) } : {}),
    };
  }

  // eslint-disable-next-line require-yield -- not offered: every result comes back whole (≤ 1 MiB)
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The Data API dialect does not stream; page the query (results are limited to 1 MiB)');
  }

  /** Runs a call, retrying while a paused Aurora resumes; database errors get pg's shape. */
  private async call<T>(send: () => Promise<T>, retryResuming: boolean): Promise<T> {
    const deadline = Date.now() + this.options.resumeRetryMs;
    let delay = 250;
    for (let attempt = 1; ; attempt++) {
      try {
        return await send();
      } catch (error) {
        const name = (error as { name?: string }).name;
        const remaining = deadline - Date.now();
        if (retryResuming && name === 'DatabaseResumingException' && remaining > 0) {
          const wait = Math.min(delay, remaining);
          logger.info('database resuming; retrying', { attempt, waitMs: wait });
          await sleep(wait);
          delay = Math.min(delay * 2, 2_000);
          continue;
        }
        if (
          name === 'DatabaseErrorException' ||
          name === 'BadRequestException' ||
          name === 'TransactionNotFoundException'
        ) {
          throw new DataApiDatabaseError((error as Error).message, error);
        }
        throw error;
      }
    }
  }
}
