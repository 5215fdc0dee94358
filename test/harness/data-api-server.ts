import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

/**
 * A local stand-in for the Amazon RDS Data API over a real PostgreSQL, for tests without AWS. It speaks
 * the wire protocol the AWS SDK's RDSDataClient uses (restJson1: `POST /Execute`, `/BeginTransaction`,
 * `/CommitTransaction`, `/RollbackTransaction`, JSON bodies; errors as an `x-amzn-errortype` header and
 * a `{"message"}` body) with the request and response shapes of the service model
 * (@aws-sdk/client-rds-data: ExecuteStatementRequest/Response, Field, ArrayValue, ColumnMetadata) and
 * the documented behaviour the dialect depends on:
 *
 * - parameters are named (`:name`); a `stringValue` parameter is `character varying` unless its
 *   typeHint says DECIMAL/UUID/JSON/TIMESTAMP/DATE/TIME; array parameters are refused;
 * - records are typed fields; `longReturnType`/`decimalReturnType: STRING` return int8/numeric as strings;
 *   timestamps as `YYYY-MM-DD HH:MM:SS[.fff]` in UTC; `includeResultMetadata` adds column metadata;
 * - one statement per call (extended protocol: several statements are refused);
 * - a transaction lives on one session; an error in a statement ends it (later calls:
 *   TransactionNotFoundException), as does 3 minutes without a call;
 * - a response over 1 MiB, or a row over 64 KB, is refused (Data API limits).
 *
 * What it cannot show: the real service's latency, its exact error texts beyond "…; SQLState: XXXXX",
 * and its type names for exotic types. docs/adr/0005 lists what was and was not verified.
 */
export interface DataApiServer {
  endpoint: string;
  resourceArn: string;
  secretArn: string;
  /** Calls received, by operation (for assertions). */
  calls: Record<string, number>;
  /** Statements the server ran (the SQL as received). */
  statements: string[];
  close: () => Promise<void>;
}

const RESPONSE_LIMIT = 1024 * 1024;
const ROW_LIMIT = 64 * 1024;

class ApiError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface SqlParameter {
  name?: string;
  value?: Record<string, unknown>;
  typeHint?: string;
}

type Field = Record<string, unknown>;

export async function startDataApiServer(
  connectionString: string,
  options: { transactionIdleMs?: number } = {},
): Promise<DataApiServer> {
  const idleMs = options.transactionIdleMs ?? 3 * 60_000;
  // Raw text for every type: the server encodes it the way the Data API does.
  const rawTypes = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString, max: 10, types: rawTypes, options: '-c TimeZone=UTC' });
  // A test dropping its database ends the idle sessions: not an error of the test.
  pool.on('error', () => {});
  const typeRows = await pool.query<{ oid: string; typname: string; typelem: string; typcategory: string }>(
    'select oid, typname, typelem, typcategory from pg_type',
  );
  const types = new Map(typeRows.rows.map((r) => [Number(r.oid), r]));
  const transactions = new Map<string, { client: pg.PoolClient; timer: NodeJS.Timeout }>();
  const calls: Record<string, number> = {};
  const statements: string[] = [];
  const resourceArn = 'arn:aws:rds:eu-west-1:000000000000:cluster:moms-local';
  const secretArn = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:moms/local/database-AbCdEf';

  const endTransaction = async (id: string, command: 'commit' | 'rollback') => {
    const tx = transactions.get(id);
    if (!tx) throw new ApiError('TransactionNotFoundException', 404, `Transaction ${id} is not found`);
    transactions.delete(id);
    clearTimeout(tx.timer);
    try {
      await tx.client.query(command);
    } finally {
      tx.client.release();
    }
  };
  const touch = (id: string) => {
    const tx = transactions.get(id);
    if (!tx) throw new ApiError('TransactionNotFoundException', 404, `Transaction ${id} is not found`);
    clearTimeout(tx.timer);
    tx.timer = setTimeout(() => void endTransaction(id, 'rollback').catch(() => {}), idleMs);
    tx.timer.unref();
    return tx.client;
  };

  const checkTarget = (body: Record<string, unknown>) => {
    if (body.resourceArn !== resourceArn) throw new ApiError('BadRequestException', 400, 'Invalid resourceArn');
    if (body.secretArn !== secretArn) throw new ApiError('BadRequestException', 400, 'Invalid secretArn');
  };

  const handlers: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    '/BeginTransaction': async (body) => {
      checkTarget(body);
      const client = await pool.connect();
      await client.query('begin');
      const id = randomBytes(24).toString('base64');
      transactions.set(id, { client, timer: setTimeout(() => {}, 0) });
      touch(id);
      return { transactionId: id };
    },
    '/CommitTransaction': async (body) => {
      checkTarget(body);
      await endTransaction(String(body.transactionId), 'commit');
      return { transactionStatus: 'Transaction Committed' };
    },
    '/RollbackTransaction': async (body) => {
      checkTarget(body);
      await endTransaction(String(body.transactionId), 'rollback');
      return { transactionStatus: 'Rollback Complete' };
    },
    '/Execute': async (body) => {
      checkTarget(body);
      const sqlText = String(body.sql ?? '');
      statements.push(sqlText);
      const { text, values } = bindParameters(sqlText, (body.parameters as SqlParameter[] | undefined) ?? []);
      const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
      const client = transactionId ? touch(transactionId) : undefined;
      let result: pg.QueryResult<unknown[]>;
      try {
        const query = { text, values, rowMode: 'array' as const, queryMode: 'extended' as const };
        result = client ? await client.query(query) : await pool.query(query);
      } catch (error) {
        // The Data API ends a transaction whose statement failed.
        if (transactionId) await endTransaction(transactionId, 'rollback').catch(() => {});
        throw databaseError(error);
      }
      const options = (body.resultSetOptions ?? {}) as { longReturnType?: string; decimalReturnType?: string };
      const longAsString = options.longReturnType === 'STRING';
      const decimalAsString = options.decimalReturnType !== 'DOUBLE_OR_LONG';
      const response: Record<string, unknown> = {
        numberOfRecordsUpdated: result.command === 'SELECT' ? 0 : (result.rowCount ?? 0),
      };
      if (result.fields.length > 0) {
        const encoders = result.fields.map((f) => fieldEncoder(f.dataTypeID));
        response.records = result.rows.map((row) => {
          const record = row.map((value, i) => encoders[i]!(value as string | null, longAsString, decimalAsString));
          if (JSON.stringify(record).length > ROW_LIMIT) {
            throw new ApiError('DatabaseErrorException', 400, 'Query packet too large');
          }
          return record;
        });
        if (body.includeResultMetadata) {
          response.columnMetadata = result.fields.map((f) => {
            const type = types.get(f.dataTypeID);
            return {
              name: f.name,
              label: f.name,
              typeName: type?.typname ?? 'unknown',
              type: type?.typcategory === 'A' ? 2003 : 12,
              nullable: 2,
              ...(type?.typcategory === 'A' ? { arrayBaseColumnType: 0 } : {}),
            };
          });
        }
      }
      return response;
    },
  };

  function fieldEncoder(oid: number): (value: string | null, longAsString: boolean, decimalAsString: boolean) => Field {
    const type = types.get(oid);
    if (type?.typcategory === 'A') {
      const element = types.get(Number(type.typelem))?.typname ?? 'text';
      return (value, longAsString, decimalAsString) =>
        value === null
          ? { isNull: true }
          : { arrayValue: arrayValue(parseArray(value), element, longAsString, decimalAsString) };
    }
    const name = type?.typname ?? 'text';
    return (value, longAsString, decimalAsString) =>
      value === null ? { isNull: true } : scalar(name, value, longAsString, decimalAsString);
  }

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      calls[path] = (calls[path] ?? 0) + 1;
      const handler = req.method === 'POST' ? handlers[path] : undefined;
      const run = async () => {
        if (!handler) throw new ApiError('UnknownOperationException', 404, `Unknown operation ${path}`);
        if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
          throw new ApiError('UnrecognizedClientException', 403, 'Missing SigV4 authorization');
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        const out = JSON.stringify(await handler(body));
        if (Buffer.byteLength(out) > RESPONSE_LIMIT) {
          throw new ApiError('DatabaseErrorException', 400, 'Database response exceeded size limit');
        }
        return out;
      };
      run().then(
        (out) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(out);
        },
        (error: unknown) => {
          const apiError =
            error instanceof ApiError
              ? error
              : new ApiError('InternalServerErrorException', 500, (error as Error).message);
          res.writeHead(apiError.status, { 'content-type': 'application/json', 'x-amzn-errortype': apiError.type });
          res.end(JSON.stringify({ message: apiError.message }));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    resourceArn,
    secretArn,
    calls,
    statements,
    close: async () => {
      for (const id of [...transactions.keys()]) await endTransaction(id, 'rollback').catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await pool.end();
    },
  };
}

/** A PostgreSQL error as the Data API reports it: DatabaseErrorException, "<message>; SQLState: <code>". */
function databaseError(error: unknown): ApiError {
  const e = error as { message?: string; code?: string; detail?: string };
  const detail = e.detail ? `\n  Detail: ${e.detail}` : '';
  return new ApiError(
    'DatabaseErrorException',
    400,
    `ERROR: ${e.message ?? 'error'}${detail}; SQLState: ${e.code ?? 'XX000'}`,
  );
}

const HINT_CASTS: Record<string, string> = {
  DECIMAL: 'numeric',
  UUID: 'uuid',
  JSON: 'json',
  TIMESTAMP: 'timestamp',
  DATE: 'date',
  TIME: 'time',
};

/** `:name` → `$n` with the type the Data API gives each Field kind. */
function bindParameters(sqlText: string, parameters: SqlParameter[]): { text: string; values: unknown[] } {
  if (parameters.length === 0) return { text: sqlText, values: [] };
  const values: unknown[] = [];
  const slot = new Map<string, string>();
  for (const p of parameters) {
    const v = p.value ?? { isNull: true };
    if ('arrayValue' in v) throw new ApiError('BadRequestException', 400, 'Array parameters are not supported');
    const [value, cast]: [unknown, string] =
      'stringValue' in v
        ? [v.stringValue, p.typeHint ? HINT_CASTS[p.typeHint]! : 'varchar']
        : 'longValue' in v
          ? [v.longValue, 'int8']
          : 'doubleValue' in v
            ? [v.doubleValue, 'float8']
            : 'booleanValue' in v
              ? [v.booleanValue, 'bool']
              : 'blobValue' in v
                ? [Buffer.from(String(v.blobValue), 'base64'), 'bytea']
                : [null, ''];
    values.push(value);
    slot.set(p.name ?? '', `$${values.length}${cast ? `::${cast}` : ''}`);
  }
  // Outside quoted strings and identifiers, and not a `::` cast.
  const text = sqlText
    .split(/('(?:[^']|'')*'|"(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(?<!:):([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string) => slot.get(name) ?? whole),
    )
    .join('');
  return { text, values };
}

function scalar(type: string, value: string, longAsString: boolean, decimalAsString: boolean): Field {
  switch (type) {
    case 'bool':
      return { booleanValue: value === 't' };
    case 'int2':
    case 'int4':
    case 'oid':
      return { longValue: Number(value) };
    case 'int8':
      return longAsString ? { stringValue: value } : { longValue: Number(value) };
    case 'float4':
    case 'float8':
      return { doubleValue: Number(value) };
    case 'numeric':
      return decimalAsString ? { stringValue: value } : { doubleValue: Number(value) };
    case 'bytea':
      return { blobValue: Buffer.from(value.replace(/^\\x/, ''), 'hex').toString('base64') };
    case 'timestamptz':
      return { stringValue: value.replace(/\+00(:00)?$/, '') };
    default:
      return { stringValue: value };
  }
}

type Nested = Array<string | null | Nested>;

function arrayValue(items: Nested, element: string, longAsString: boolean, decimalAsString: boolean): Field {
  if (items.some((i) => Array.isArray(i))) {
    return {
      arrayValues: items.map((i) => (Array.isArray(i) ? arrayValue(i, element, longAsString, decimalAsString) : null)),
    };
  }
  const flat = items as Array<string | null>;
  const fields = flat.map((i) => (i === null ? null : scalar(element, i, longAsString, decimalAsString)));
  const kind = fields.find((f) => f !== null);
  const key = kind ? Object.keys(kind)[0]! : 'stringValue';
  const plural =
    ({ booleanValue: 'booleanValues', longValue: 'longValues', doubleValue: 'doubleValues' } as Record<string, string>)[
      key
    ] ?? 'stringValues';
  return { [plural]: fields.map((f) => (f === null ? null : (Object.values(f)[0] as unknown))) };
}

/** PostgreSQL's array text output (`{a,"b c",NULL,{1,2}}`) as nested strings. */
export function parseArray(text: string): Nested {
  let i = text.startsWith('[') ? text.indexOf('=') + 1 : 0; // skip explicit bounds "[0:1]={…}"
  const parse = (): Nested => {
    const out: Nested = [];
    i++; // '{'
    while (i < text.length) {
      const c = text[i];
      if (c === '}') {
        i++;
        return out;
      }
      if (c === ',') {
        i++;
        continue;
      }
      if (c === '{') {
        out.push(parse());
        continue;
      }
      if (c === '"') {
        let value = '';
        i++;
        while (text[i] !== '"') {
          if (text[i] === '\\') i++;
          value += text[i];
          i++;
        }
        i++;
        out.push(value);
        continue;
      }
      let j = i;
      while (text[j] !== ',' && text[j] !== '}') j++;
      const raw = text.slice(i, j);
      out.push(raw === 'NULL' ? null : raw);
      i = j;
    }
    return out;
  };
  return parse();
}
