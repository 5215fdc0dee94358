import { writeCsvExport } from '../../../platform/jobs/csv-export-job.js';
import type { JobContext, JobOutcome } from '../../../platform/jobs/job-registry.js';
import type { Db } from '../../../platform/db/database.js';
import { seesInFull, type HrViewer } from '../access.js';
import { employeeCsvHeader, employeeCsvRow } from './employees.csv.js';
import type { EmployeesExportPayload } from './employees.export.js';
import { seesAnyoneInFull } from './employees.mappers.js';
import { exportRows } from './employees.repository.js';
import { EmployeeExportQuery, type EmployeeExportFilter } from './employees.schemas.js';

type Payload = EmployeesExportPayload;
type Row = Awaited<ReturnType<typeof exportRows>>[number];

/** The viewer as the synchronous export sees them: their own employee record is looked up now. */
async function viewerFor(db: Db, v: Payload['viewer']): Promise<HrViewer> {
  const self = await db.selectFrom('hr.employees').select('id').where('user_id', '=', v.userId).executeTakeFirst();
  return {
    userId: v.userId,
    employeeId: self?.id ?? null,
    admin: v.admin,
    compensation: false,
    approve: false,
    write: false,
  };
}

async function* pages(db: Db, filter: EmployeeExportFilter, viewer: HrViewer, pageSize: number) {
  let after: { sortKey: string; id: string } | undefined;
  for (;;) {
    const rows: Row[] = await exportRows(db, filter, seesInFull(viewer, 'e.id'), pageSize, after);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { sortKey: last.sortKey, id: last.id };
  }
}

/** Streams the directory into one CSV file in the file store (see `writeCsvExport`). */
export async function runEmployeesExport(payload: Payload, ctx: JobContext): Promise<JobOutcome> {
  const filter = EmployeeExportQuery.parse(payload.filter);
  const viewer = await viewerFor(ctx.db, payload.viewer);
  const full = seesAnyoneInFull(viewer);
  return writeCsvExport(ctx, {
    fileName: 'employees.csv',
    header: employeeCsvHeader(full),
    pages: pages(ctx.db, filter, viewer, payload.pageSize),
    row: (r: Row) => employeeCsvRow(r, full),
  });
}
