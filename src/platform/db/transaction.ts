import type { Db, Tx } from './database.js';

/**
 * Runs `work` in one transaction. If `db` already is a transaction, `work` joins it (so a use case
 * can call another module's public function inside its own transaction: DESIGN.md rule 2).
 */
export async function inTransaction<T>(db: Db, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Tx);
  return db.transaction().execute(work);
}
