import { sql, type Selectable, type SqlBool } from 'kysely';
import type { Db } from '../../../platform/db/database.js';
import { containsPattern } from '../../../platform/db/like.js';
import { paginate, type PageRequest } from '../../../platform/http/pagination.js';
import { seesCompensation, type HrViewer } from '../access.js';
import type { PayslipsTable } from './payroll.tables.js';

export type PayslipRow = Selectable<PayslipsTable>;

/**
 * The payslips a viewer may see: of employees whose compensation they see (../access.ts), and,
 * unless they hold hr:admin or hr:compensation, only approved ones (an employee sees their own
 * payslips once the run is approved).
 */
export function visiblePayslip(viewer: HrViewer) {
  if (viewer.admin) return sql<SqlBool>`true`;
  const scope = seesCompensation(viewer, 'p.employee_id');
  return viewer.compensation ? scope : sql<SqlBool>`(${scope} and p.status = 'approved')`;
}

const base = (db: Db, viewer: HrViewer) =>
  db
    .selectFrom('hr.payslips as p')
    .selectAll('p')
    .select(['p.employee_number as employeeNumber', 'p.employee_name as employeeName', 'p.period_start as periodStart'])
    .where(visiblePayslip(viewer));

export function listRunPayslips(
  db: Db,
  viewer: HrViewer,
  runId: string,
  page: PageRequest & { q?: string | undefined },
) {
  let q = base(db, viewer).where('p.run_id', '=', runId);
  if (page.q) {
    const p = containsPattern(page.q);
    q = q.where((eb) => eb.or([eb('p.employee_name', 'ilike', p), eb('p.employee_number', 'ilike', p)]));
  }
  return paginate(q, page, {
    sort: { employeeNumber: 'p.employee_number', employeeName: 'p.employee_name' },
    id: 'p.id',
    idKey: 'id',
  });
}

export function listEmployeePayslips(db: Db, viewer: HrViewer, employeeId: string, page: PageRequest) {
  const q = base(db, viewer).where('p.employee_id', '=', employeeId);
  return paginate(q, page, { sort: { periodStart: 'p.period_start' }, id: 'p.id', idKey: 'id' });
}

export function findPayslip(db: Db, viewer: HrViewer, id: string) {
  return base(db, viewer).where('p.id', '=', id).executeTakeFirst();
}

export function linesOf(db: Db, payslipId: string) {
  return db.selectFrom('hr.payslip_lines').selectAll().where('payslip_id', '=', payslipId).orderBy('line_no').execute();
}
