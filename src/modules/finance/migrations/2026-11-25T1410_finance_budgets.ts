import { sql, type Kysely } from 'kysely';

/**
 * Budgets: one budget per fiscal year (the header carries the version that every bulk change checks),
 * and one amount per account, department ('' = none) and month. Amounts are in the base currency,
 * in the account's natural sign (income credit-positive, expenses debit-positive).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('finance.budgets')
    .addColumn('year', 'integer', (c) => c.primaryKey().check(sql`year between 1900 and 9999`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'uuid')
    .addColumn('updated_by', 'uuid')
    .addColumn('created_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', sql`timestamptz(3)`, (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('finance.budget_lines')
    .addColumn('year', 'integer', (c) => c.notNull().references('finance.budgets.year').onDelete('cascade'))
    .addColumn('period', 'integer', (c) => c.notNull().check(sql`period between 1 and 12`))
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('finance.accounts.id'))
    .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('amount', sql`numeric(19, 4)`, (c) => c.notNull())
    .addPrimaryKeyConstraint('budget_lines_pk', ['year', 'account_id', 'department', 'period'])
    .execute();
  await sql`create index budget_lines_account on finance.budget_lines (account_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('finance.budget_lines').execute();
  await db.schema.dropTable('finance.budgets').execute();
}
