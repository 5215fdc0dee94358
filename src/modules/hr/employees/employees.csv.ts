import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { assertExportRows, assertExportSize, EXPORT_MAX_ROWS } from '../../../platform/http/csv-export.js';
import { seesInFull, viewerOf } from '../access.js';
import { seesAnyoneInFull } from './employees.mappers.js';
import { exportRows } from './employees.repository.js';
import type { EmployeeExportFilter } from './employees.schemas.js';

const DIRECTORY = [
  'id',
  'employee_number',
  'first_name',
  'last_name',
  'work_email',
  'work_phone',
  'status',
  'department',
  'position',
  'location',
  'manager',
];
const FULL = [
  'employment_type',
  'start_date',
  'end_date',
  'personal_email',
  'personal_phone',
  'birth_date',
  'termination_reason',
];

/**
 * The directory as CSV, with the list's filters. Callers who see some employees in full (themselves,
 * their reports, or everyone for hr:admin) get extra columns, filled only on those employees' rows.
 * Never compensation. 422 beyond EXPORT_MAX_ROWS rows or the size limit.
 */
export async function employeesCsv(db: Db, ctx: RequestContext, filter: EmployeeExportFilter): Promise<string> {
  const viewer = await viewerOf(db, ctx);
  const full = seesAnyoneInFull(viewer);
  const rows = await exportRows(db, filter, seesInFull(viewer, 'e.id'), EXPORT_MAX_ROWS + 1);
  assertExportRows(rows.length);
  return assertExportSize(
    toCsv(
      full ? [...DIRECTORY, ...FULL] : DIRECTORY,
      rows.map((r) => {
        const card = [
          r.id,
          r.employeeNumber,
          r.firstName,
          r.lastName,
          r.workEmail,
          r.workPhone,
          r.status,
          r.departmentName,
          r.positionTitle,
          r.locationName,
          r.managerName,
        ];
        if (!full) return card;
        return [
          ...card,
          r.employmentType,
          r.startDate,
          r.endDate,
          r.personalEmail,
          r.personalPhone,
          r.birthDate,
          r.terminationReason,
        ];
      }),
    ),
  );
}
