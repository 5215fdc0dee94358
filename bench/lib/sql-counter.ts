import pg from 'pg';

/**
 * Counts the SQL statements this process sends through `pg` (every `Client#query`, BEGIN and COMMIT
 * included): the throughput bench divides the count over a few sequential requests by their number.
 * Installed once, before any pool exists; `record` keeps the statements' text for `BENCH_SHOW_SQL`.
 */
let count = 0;
let recorded: string[] | undefined;

export function installSqlCounter(): void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; __counted?: boolean };
  if (proto.__counted) return;
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    count++;
    if (recorded) {
      const first = args[0];
      recorded.push(typeof first === 'string' ? first : String((first as { text?: string })?.text ?? first));
    }
    return original.apply(this, args);
  };
  proto.__counted = true;
}

/** Statements sent while `work` runs (nothing else may use the database meanwhile). */
export async function countStatements(work: () => Promise<void>): Promise<{ count: number; statements: string[] }> {
  const before = count;
  recorded = [];
  try {
    await work();
    return { count: count - before, statements: recorded };
  } finally {
    recorded = undefined;
  }
}
