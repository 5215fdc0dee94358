import { sql, type Kysely } from 'kysely';

/**
 * A manual flow may be run from a record's page (issue #17: "a button on a record"): the record type
 * its published version names (`trigger.record`), copied to the flow's row on publish, so the web app
 * lists a record type's flows (`GET /flows?manualFor=crm.organization`) with one index probe.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table automation.flows add column trigger_record text`.execute(db);
  await sql`update automation.flows f set trigger_record = v.definition->'trigger'->>'record'
    from automation.flow_versions v
    where v.flow_id = f.id and v.version = f.published_version and f.trigger_kind = 'manual'`.execute(db);
  await sql`create index flows_trigger_record on automation.flows (trigger_record, name)
    where trigger_record is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index automation.flows_trigger_record`.execute(db);
  await sql`alter table automation.flows drop column trigger_record`.execute(db);
}
