import type { Db } from '../../../platform/db/database.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { toCsv } from '../../../platform/http/csv.js';
import { assertExportSize, EXPORT_MAX_ROWS, exportTooLarge } from '../../../platform/http/csv-export.js';
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

type ExportRow = Awaited<ReturnType<typeof exportRows>>[number];

/** The export's header: the directory columns, and the full-record ones when the viewer sees anyone in full. */
export const employeeCsvHeader = (full: boolean) => (full ? [...DIRECTORY, ...FULL] : DIRECTORY);

/** One employee's cells (the full-record ones blank unless the viewer sees this employee in full: SQL decided). */
export function employeeCsvRow(r: ExportRow, full: boolean) {
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
}

const TOO_MANY = `More than ${EXPORT_MAX_ROWS.toLocaleString('en')} employees match: narrow the filters, or export in the background (POST /api/v1/hr/exports), which has no limit.`;

/**
 * The directory as CSV, with the list's filters. Callers who see some employees in full (themselves,
 * their reports, or everyone for hr:admin) get extra columns, filled only on those employees' rows.
 * Never compensation. 422 beyond EXPORT_MAX_ROWS rows or the size limit (pointing to the background
 * export, `hr.employees-export`, which writes the same file without a limit).
 */
export async function employeesCsv(db: Db, ctx: RequestContext, filter: EmployeeExportFilter): Promise<string> {
  const viewer = await viewerOf(db, ctx);
  const full = seesAnyoneInFull(viewer);
  const rows = await exportRows(db, filter, seesInFull(viewer, 'e.id'), EXPORT_MAX_ROWS + 1);
  if (rows.length > EXPORT_MAX_ROWS) throw exportTooLarge(TOO_MANY);
  return assertExportSize(
    toCsv(
      employeeCsvHeader(full),
      rows.map((r) => employeeCsvRow(r, full)),
    ),
  );
}
