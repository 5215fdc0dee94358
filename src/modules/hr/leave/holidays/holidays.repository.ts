import type { Selectable } from 'kysely';
import type { Db } from '../../../../platform/db/database.js';
import type { PublicHolidaysTable } from '../leave.tables.js';

export type HolidayRow = Selectable<PublicHolidaysTable>;

export function locationExists(db: Db, id: string) {
  return db.selectFrom('hr.locations').select('id').where('id', '=', id).executeTakeFirst();
}

/** Holidays between two dates (both included), for some locations or all. */
export function holidaysBetween(db: Db, from: string, to: string, locationIds?: readonly string[]) {
  let q = db
    .selectFrom('hr.public_holidays')
    .selectAll()
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('location_id');
  if (locationIds) {
    if (locationIds.length === 0) return Promise.resolve([] as HolidayRow[]);
    q = q.where('location_id', 'in', locationIds);
  }
  return q.execute();
}

export function existingDates(db: Db, locationId: string, dates: readonly string[]) {
  return db
    .selectFrom('hr.public_holidays')
    .select('date')
    .where('location_id', '=', locationId)
    .where('date', 'in', dates)
    .orderBy('date')
    .execute();
}

export function insertHolidays(
  db: Db,
  rows: { location_id: string; date: string; name: string; created_by: string | null }[],
) {
  return db.insertInto('hr.public_holidays').values(rows).returningAll().execute();
}

export function findHoliday(db: Db, id: string) {
  return db.selectFrom('hr.public_holidays').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function deleteHoliday(db: Db, id: string) {
  return db.deleteFrom('hr.public_holidays').where('id', '=', id).execute();
}
