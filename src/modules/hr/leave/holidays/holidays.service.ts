import { writeAudit } from '../../../../platform/audit/audit-writer.js';
import type { Db } from '../../../../platform/db/database.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import { errors } from '../../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../../platform/http/app-env.js';
import { isoTimestamp, today } from '../../../../platform/dates.js';
import { leaveErrors } from '../leave.errors.js';
import { yearOf } from '../working-days.js';
import * as repo from './holidays.repository.js';
import type { BulkHolidaysInput, CreateHolidayInput, PublicHolidayDto } from './holidays.schemas.js';

const ENTITY = 'hr.public_holiday';

export function toHolidayDto(row: repo.HolidayRow): PublicHolidayDto {
  return {
    id: row.id,
    locationId: row.location_id,
    date: row.date,
    name: row.name,
    createdAt: isoTimestamp(row.created_at),
  };
}

export async function listHolidays(db: Db, filter: { locationId?: string | undefined; year?: number | undefined }) {
  const y = filter.year ?? yearOf(today());
  const rows = await repo.holidaysBetween(
    db,
    `${y}-01-01`,
    `${y}-12-31`,
    filter.locationId ? [filter.locationId] : undefined,
  );
  return { items: rows.map(toHolidayDto) };
}

/**
 * Adds holidays to one location, all or nothing: a date the location already has is a 409 naming
 * it. Requests already made keep their day counts (they were counted when made).
 */
export async function createHolidays(db: Db, ctx: RequestContext, input: BulkHolidaysInput) {
  return inTransaction(db, async (trx) => {
    if (!(await repo.locationExists(trx, input.locationId)))
      throw errors.invalidReference('locationId', 'Location', input.locationId);
    const dates = input.holidays.map((h) => h.date);
    const taken = await repo.existingDates(trx, input.locationId, dates);
    if (taken.length > 0) throw leaveErrors.holidayExists(taken.map((t) => t.date));
    const rows = await repo.insertHolidays(
      trx,
      input.holidays.map((h) => ({
        location_id: input.locationId,
        date: h.date,
        name: h.name,
        created_by: ctx.actor?.userId ?? null,
      })),
    );
    for (const row of rows)
      await writeAudit(trx, ctx, {
        action: 'public_holiday.created',
        entityType: ENTITY,
        entityId: row.id,
        after: { ...row },
      });
    return { items: rows.sort((a, b) => a.date.localeCompare(b.date)).map(toHolidayDto) };
  });
}

export async function createHoliday(db: Db, ctx: RequestContext, input: CreateHolidayInput) {
  const created = await createHolidays(db, ctx, {
    locationId: input.locationId,
    year: yearOf(input.date),
    holidays: [{ date: input.date, name: input.name }],
  });
  return created.items[0]!;
}

export async function deleteHoliday(db: Db, ctx: RequestContext, id: string) {
  await inTransaction(db, async (trx) => {
    const before = await repo.findHoliday(trx, id);
    if (!before) throw errors.notFound('Public holiday', id);
    await repo.deleteHoliday(trx, id);
    await writeAudit(trx, ctx, {
      action: 'public_holiday.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { ...before },
    });
  });
}
