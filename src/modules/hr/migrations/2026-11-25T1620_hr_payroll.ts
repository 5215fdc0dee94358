import { sql, type Kysely } from 'kysely';

/** HR payroll tables (seam: filled in by the payroll work). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}

export async function down(_db: Kysely<any>): Promise<void> {}
