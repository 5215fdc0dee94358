import { sql, type Kysely } from 'kysely';

/**
 * Policies linked to controls (many-to-many): the policies a control puts into effect. Deleting a
 * control or a policy removes its links.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table compliance.control_policies (
    control_id uuid not null references compliance.controls(id) on delete cascade,
    policy_id uuid not null references compliance.policies(id) on delete cascade,
    primary key (control_id, policy_id)
  )`.execute(db);
  await sql`create index control_policies_policy on compliance.control_policies (policy_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table compliance.control_policies`.execute(db);
}
