import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { Selectable } from 'kysely';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { paginate } from '../../../platform/http/pagination.js';
import type { ControlStatus, FrameworksTable, MappingRelationship, RequirementsTable } from '../compliance.tables.js';
import { compareVersions, parseLibrary, type LibraryDocument } from './library/format.js';
import { gdpr } from './library/gdpr.js';
import { nistCsf2 } from './library/nist-csf-2.0.js';
import type { FrameworkListQuery, RequirementListQuery } from './frameworks.schemas.js';

type FrameworkRow = Selectable<FrameworksTable>;
type RequirementRow = Selectable<RequirementsTable>;

/** The libraries MOMS ships (their text may be shipped freely: README, "Built-in frameworks"). */
export const BUILTIN_LIBRARIES: readonly LibraryDocument[] = [nistCsf2, gdpr];

const frameworkDto = (r: FrameworkRow) => ({
  id: r.id,
  key: r.key,
  version: r.version,
  name: r.name,
  description: r.description,
  publisher: r.publisher,
  builtin: r.builtin,
  current: r.current,
  requirementCount: r.requirement_count,
  importedAt: r.imported_at.toISOString(),
});

export async function builtinLibraries(db: Db) {
  const imported = await db
    .selectFrom('compliance.frameworks')
    .select(['id', 'key', 'version'])
    .where(
      'key',
      'in',
      BUILTIN_LIBRARIES.map((l) => l.framework.key),
    )
    .execute();
  return BUILTIN_LIBRARIES.map((l) => ({
    key: l.framework.key,
    version: l.framework.version,
    name: l.framework.name,
    requirementCount: parseLibrary(l).flat.length,
    importedFrameworkId:
      imported.find((f) => f.key === l.framework.key && f.version === l.framework.version)?.id ?? null,
  }));
}

/**
 * Imports one framework version: its requirement tree, flattened in tree order. The same key and
 * version again is a 409. The newest version of a key (by version number) is `current`; older versions
 * stay with their requirements and everything attached to them. The controls linked to the previous
 * current version's requirements are linked to the new version's requirements with the same refId.
 */
export async function importLibrary(db: Db, ctx: RequestContext, raw: unknown, options: { builtin?: boolean } = {}) {
  const { library, flat } = parseLibrary(raw);
  const fw = library.framework;
  return inTransaction(db, async (trx) => {
    const versions = await trx
      .selectFrom('compliance.frameworks')
      .select(['id', 'version', 'current'])
      .where('key', '=', fw.key)
      .forUpdate()
      .execute();
    if (versions.some((v) => v.version === fw.version))
      throw errors.conflict(`Version ${fw.version} of framework "${fw.key}" is already imported.`, {
        frameworkId: versions.find((v) => v.version === fw.version)!.id,
      });
    const previous = versions.find((v) => v.current) ?? null;
    const newest = versions.every((v) => compareVersions(fw.version, v.version) > 0);
    if (newest && previous)
      await trx.updateTable('compliance.frameworks').set({ current: false }).where('id', '=', previous.id).execute();
    const created = await trx
      .insertInto('compliance.frameworks')
      .values({
        key: fw.key,
        version: fw.version,
        name: fw.name,
        description: fw.description ?? '',
        publisher: fw.publisher ?? '',
        builtin: options.builtin ?? false,
        current: newest,
        requirement_count: flat.length,
        imported_by: ctx.actor?.userId ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const ids = flat.map(() => randomUUID());
    const rows = flat.map((r, i) => ({
      id: ids[i]!,
      framework_id: created.id,
      parent_id: r.parent === null ? null : ids[r.parent]!,
      ref_id: r.refId,
      title: r.title,
      description: r.description,
      assessable: r.assessable,
      depth: r.depth,
      position: i + 1,
    }));
    // In tree order, so a parent is always inserted before its children.
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('compliance.requirements')
        .values(rows.slice(i, i + 500))
        .execute();
    let carried = 0;
    if (newest && previous) carried = await carryControlLinks(trx, previous.id, created.id);
    await writeAudit(trx, ctx, {
      action: 'compliance.framework-imported',
      entityType: 'compliance.framework',
      entityId: created.id,
      after: { key: fw.key, version: fw.version, name: fw.name, requirements: flat.length, builtin: created.builtin },
    });
    return {
      ...frameworkDto(created),
      previousVersionId: newest ? (previous?.id ?? null) : null,
      controlLinksCarried: carried,
    };
  });
}

async function carryControlLinks(trx: Tx, fromFramework: string, toFramework: string): Promise<number> {
  const links = await trx
    .selectFrom('compliance.control_requirements as cr')
    .innerJoin('compliance.requirements as old', 'old.id', 'cr.requirement_id')
    .innerJoin('compliance.requirements as new', (j) =>
      j.onRef('new.ref_id', '=', 'old.ref_id').on('new.framework_id', '=', toFramework),
    )
    .select(['cr.control_id', 'new.id as requirement_id'])
    .where('old.framework_id', '=', fromFramework)
    .execute();
  if (links.length === 0) return 0;
  await trx
    .insertInto('compliance.control_requirements')
    .values(links)
    .onConflict((oc) => oc.doNothing())
    .execute();
  return links.length;
}

export async function importBuiltin(db: Db, ctx: RequestContext, key: string) {
  const library = BUILTIN_LIBRARIES.find((l) => l.framework.key === key);
  if (!library) throw errors.notFound('Built-in library', key);
  return importLibrary(db, ctx, library, { builtin: true });
}

export async function listFrameworks(db: Db, filter: z.output<typeof FrameworkListQuery>) {
  let q = db.selectFrom('compliance.frameworks as f').selectAll('f');
  if (filter.key) q = q.where('f.key', '=', filter.key);
  if (filter.current !== undefined) q = q.where('f.current', '=', filter.current);
  if (filter.q) q = q.where('f.name', 'ilike', containsPattern(filter.q));
  const page = await paginate(q, filter, {
    sort: { name: 'f.name', importedAt: 'f.imported_at' },
    id: 'f.id',
    idKey: 'id',
  });
  return { items: page.items.map(frameworkDto), nextCursor: page.nextCursor };
}

async function frameworkRow(db: Db, id: string): Promise<FrameworkRow> {
  const row = await db.selectFrom('compliance.frameworks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('Framework', id);
  return row;
}

export async function getFramework(db: Db, id: string) {
  return frameworkDto(await frameworkRow(db, id));
}

interface LinkedControl {
  id: string;
  status: ControlStatus;
}

/** For each requirement: the controls linked to it, and those linked to requirements mapped to it. */
export async function controlsOfRequirements(
  db: Db,
  requirementIds: readonly string[],
): Promise<Map<string, { direct: LinkedControl[]; mapped: LinkedControl[] }>> {
  const result = new Map(
    requirementIds.map((id) => [id, { direct: [] as LinkedControl[], mapped: [] as LinkedControl[] }]),
  );
  if (requirementIds.length === 0) return result;
  const ids = [...requirementIds];
  const mappings = await db
    .selectFrom('compliance.requirement_mappings')
    .select(['source_id', 'target_id'])
    .where((eb) => eb.or([eb('source_id', 'in', ids), eb('target_id', 'in', ids)]))
    .execute();
  const others = new Map<string, Set<string>>();
  const addOther = (mine: string, other: string) => {
    if (!result.has(mine)) return;
    others.set(mine, (others.get(mine) ?? new Set()).add(other));
  };
  for (const m of mappings) {
    addOther(m.source_id, m.target_id);
    addOther(m.target_id, m.source_id);
  }
  const all = [...new Set([...ids, ...[...others.values()].flatMap((s) => [...s])])];
  const links = await db
    .selectFrom('compliance.control_requirements as cr')
    .innerJoin('compliance.controls as c', 'c.id', 'cr.control_id')
    .select(['cr.requirement_id', 'c.id', 'c.status'])
    .where('cr.requirement_id', 'in', all)
    .orderBy('c.id')
    .execute();
  const byRequirement = new Map<string, LinkedControl[]>();
  for (const l of links)
    byRequirement.set(l.requirement_id, [
      ...(byRequirement.get(l.requirement_id) ?? []),
      { id: l.id, status: l.status },
    ]);
  for (const [id, entry] of result) {
    entry.direct = byRequirement.get(id) ?? [];
    const seen = new Set(entry.direct.map((c) => c.id));
    for (const other of others.get(id) ?? [])
      for (const c of byRequirement.get(other) ?? [])
        if (!seen.has(c.id)) {
          seen.add(c.id);
          entry.mapped.push(c);
        }
  }
  return result;
}

const requirementDto = (
  r: RequirementRow,
  controls: { direct: LinkedControl[]; mapped: LinkedControl[] } | undefined,
) => ({
  id: r.id,
  frameworkId: r.framework_id,
  parentId: r.parent_id,
  refId: r.ref_id,
  title: r.title,
  description: r.description,
  assessable: r.assessable,
  depth: r.depth,
  position: r.position,
  controlIds: controls?.direct.map((c) => c.id) ?? [],
  mappedControlIds: controls?.mapped.map((c) => c.id) ?? [],
});

export async function listRequirements(db: Db, frameworkId: string, filter: z.output<typeof RequirementListQuery>) {
  await frameworkRow(db, frameworkId);
  let q = db.selectFrom('compliance.requirements as r').selectAll('r').where('r.framework_id', '=', frameworkId);
  if (filter.assessable !== undefined) q = q.where('r.assessable', '=', filter.assessable);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    q = q.where((eb) => eb.or([eb('r.ref_id', 'ilike', pattern), eb('r.title', 'ilike', pattern)]));
  }
  const page = await paginate(q, filter, { sort: { position: 'r.position' }, id: 'r.id', idKey: 'id' });
  const controls = await controlsOfRequirements(
    db,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => requirementDto(r, controls.get(r.id))), nextCursor: page.nextCursor };
}

/** Coverage of a framework's assessable requirements by controls, directly or through mappings. */
export async function frameworkCoverage(db: Db, frameworkId: string) {
  await frameworkRow(db, frameworkId);
  const ids = (
    await db
      .selectFrom('compliance.requirements')
      .select('id')
      .where('framework_id', '=', frameworkId)
      .where('assessable', '=', true)
      .execute()
  ).map((r) => r.id);
  const controls = await controlsOfRequirements(db, ids);
  let coveredDirectly = 0;
  let coveredViaMapping = 0;
  let implemented = 0;
  for (const { direct, mapped } of controls.values()) {
    if (direct.length > 0) coveredDirectly++;
    else if (mapped.length > 0) coveredViaMapping++;
    if ([...direct, ...mapped].some((c) => c.status === 'implemented')) implemented++;
  }
  return {
    frameworkId,
    assessable: ids.length,
    covered: coveredDirectly + coveredViaMapping,
    coveredDirectly,
    coveredViaMapping,
    implemented,
  };
}

export async function getRequirement(db: Db, id: string) {
  const row = await db
    .selectFrom('compliance.requirements as r')
    .innerJoin('compliance.frameworks as f', 'f.id', 'r.framework_id')
    .selectAll('r')
    .select(['f.name as framework_name', 'f.version as framework_version'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!row) throw errors.notFound('Requirement', id);
  const controls = await controlsOfRequirements(db, [id]);
  const mappings = await mappingsOf(db, id);
  return {
    ...requirementDto(row, controls.get(id)),
    frameworkName: row.framework_name,
    frameworkVersion: row.framework_version,
    mappings,
  };
}

async function mappingsOf(db: Db, requirementId: string) {
  const rows = await db
    .selectFrom('compliance.requirement_mappings as m')
    .innerJoin('compliance.requirements as s', 's.id', 'm.source_id')
    .innerJoin('compliance.frameworks as sf', 'sf.id', 's.framework_id')
    .innerJoin('compliance.requirements as t', 't.id', 'm.target_id')
    .innerJoin('compliance.frameworks as tf', 'tf.id', 't.framework_id')
    .select([
      'm.source_id',
      'm.target_id',
      'm.relationship',
      's.ref_id as s_ref',
      's.title as s_title',
      'sf.id as s_fw',
      'sf.name as s_fw_name',
      't.ref_id as t_ref',
      't.title as t_title',
      'tf.id as t_fw',
      'tf.name as t_fw_name',
    ])
    .where((eb) => eb.or([eb('m.source_id', '=', requirementId), eb('m.target_id', '=', requirementId)]))
    .orderBy('m.created_at')
    .execute();
  return rows.map((r) => ({
    sourceId: r.source_id,
    targetId: r.target_id,
    relationship: r.relationship,
    source: { refId: r.s_ref, title: r.s_title, frameworkId: r.s_fw, frameworkName: r.s_fw_name },
    target: { refId: r.t_ref, title: r.t_title, frameworkId: r.t_fw, frameworkName: r.t_fw_name },
  }));
}

/** Maps two requirements of different frameworks (one control linked to either then covers both). */
export async function createMapping(
  db: Db,
  ctx: RequestContext,
  input: { sourceId: string; targetId: string; relationship: MappingRelationship },
) {
  await inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('compliance.requirements')
      .select(['id', 'framework_id'])
      .where('id', 'in', [input.sourceId, input.targetId])
      .execute();
    const source = found.find((r) => r.id === input.sourceId);
    const target = found.find((r) => r.id === input.targetId);
    if (!source) throw errors.invalidReference('sourceId', 'Requirement', input.sourceId);
    if (!target) throw errors.invalidReference('targetId', 'Requirement', input.targetId);
    if (source.framework_id === target.framework_id)
      throw errors.validation([
        { path: 'targetId', message: 'Map requirements of two different frameworks.', code: 'same_framework' },
      ]);
    const reverse = await trx
      .selectFrom('compliance.requirement_mappings')
      .select('source_id')
      .where('source_id', '=', input.targetId)
      .where('target_id', '=', input.sourceId)
      .executeTakeFirst();
    const inserted = reverse
      ? []
      : await trx
          .insertInto('compliance.requirement_mappings')
          .values({
            source_id: input.sourceId,
            target_id: input.targetId,
            relationship: input.relationship,
            created_by: ctx.actor?.userId ?? null,
          })
          .onConflict((oc) => oc.doNothing())
          .returning('source_id')
          .execute();
    if (inserted.length === 0) throw errors.conflict('These requirements are already mapped.');
    await writeAudit(trx, ctx, {
      action: 'compliance.mapping-created',
      entityType: 'compliance.requirement-mapping',
      entityId: input.sourceId,
      after: { ...input },
    });
  });
  return (await mappingsOf(db, input.sourceId)).find((m) => m.targetId === input.targetId)!;
}

export async function deleteMapping(db: Db, ctx: RequestContext, key: { sourceId: string; targetId: string }) {
  await inTransaction(db, async (trx) => {
    const deleted = await trx
      .deleteFrom('compliance.requirement_mappings')
      .where('source_id', '=', key.sourceId)
      .where('target_id', '=', key.targetId)
      .returning(['relationship'])
      .executeTakeFirst();
    if (!deleted) throw errors.notFound('Mapping');
    await writeAudit(trx, ctx, {
      action: 'compliance.mapping-deleted',
      entityType: 'compliance.requirement-mapping',
      entityId: key.sourceId,
      before: { ...key, relationship: deleted.relationship },
    });
  });
}
