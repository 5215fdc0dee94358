import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { isoTimestamp } from '../../../platform/dates.js';
import { hrErrors } from '../hr.errors.js';
import * as repo from './organization.repository.js';
import type {
  CreateLocationInput,
  LocationDto,
  LocationListFilter,
  UpdateLocationInput,
} from './organization.schemas.js';

const ENTITY = 'hr.location';

export function toLocationDto(row: repo.LocationRow): LocationDto {
  return {
    id: row.id,
    name: row.name,
    countryCode: row.country_code,
    timezone: row.timezone,
    address: row.address,
    version: row.version,
    createdAt: isoTimestamp(row.created_at),
    updatedAt: isoTimestamp(row.updated_at),
  };
}

/** Only the kinds of reference that exist (count > 0). */
export function nonZero(usage: Record<string, number>): Record<string, number> | null {
  const used = Object.fromEntries(Object.entries(usage).filter(([, v]) => v > 0));
  return Object.keys(used).length > 0 ? used : null;
}

function values(input: Partial<CreateLocationInput>): repo.LocationValues {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.countryCode !== undefined ? { country_code: input.countryCode } : {}),
    ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
    ...(input.address !== undefined ? { address: input.address === null ? null : JSON.stringify(input.address) } : {}),
  };
}

export async function listLocations(db: Db, filter: LocationListFilter) {
  const page = await repo.listLocations(db, filter);
  return { items: page.items.map(toLocationDto), nextCursor: page.nextCursor };
}

export async function getLocation(db: Db, id: string) {
  const row = await repo.findLocation(db, id);
  if (!row) throw errors.notFound('Location', id);
  return toLocationDto(row);
}

export async function createLocation(db: Db, ctx: RequestContext, input: CreateLocationInput) {
  return inTransaction(db, async (trx) => {
    const row = await repo.insertLocation(trx, { ...values(input), name: input.name, country_code: input.countryCode });
    await writeAudit(trx, ctx, { action: 'location.created', entityType: ENTITY, entityId: row.id, after: { ...row } });
    return toLocationDto(row);
  });
}

export async function updateLocation(db: Db, ctx: RequestContext, id: string, input: UpdateLocationInput) {
  return inTransaction(db, async (trx) => {
    const before = await repo.findLocation(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Location', id);
    assertVersion('Location', before, input.version);
    const after = await repo.updateLocation(trx, id, values(input));
    await writeAudit(trx, ctx, {
      action: 'location.updated',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
      after: { ...after },
    });
    return toLocationDto(after);
  });
}

export async function deleteLocation(db: Db, ctx: RequestContext, id: string, version: number) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findLocation(trx, id, { forUpdate: true });
    if (!before) throw errors.notFound('Location', id);
    assertVersion('Location', before, version);
    const used = nonZero(await repo.locationUsage(trx, id));
    if (used) throw hrErrors.inUse('Location', id, used);
    await repo.deleteRow(trx, 'hr.locations', id);
    await writeAudit(trx, ctx, { action: 'location.deleted', entityType: ENTITY, entityId: id, before: { ...before } });
  });
}
