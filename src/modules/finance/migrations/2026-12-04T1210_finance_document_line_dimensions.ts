import { sql, type Kysely } from 'kysely';

/**
 * Dimensions on document lines (issue #22): a department and a project per invoice / bill line,
 * carried onto the journal lines the document posts, so that the P&L by department includes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.document_lines add column department text, add column project_id uuid`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table finance.document_lines drop column department, drop column project_id`.execute(db);
}
