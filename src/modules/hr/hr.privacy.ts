import { sql } from 'kysely';
import { writeAudit } from '../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../platform/db/database.js';
import {
  privacyRecord,
  type PrivacyErasure,
  type PrivacyHandlers,
  type PrivacyIdentity,
  type PrivacySection,
  type PrivacySubject,
} from '../../platform/modules/privacy.js';
import './hr.tables.js';
import './leave/leave.tables.js';
import './payroll/payroll.tables.js';

/**
 * HR's part of privacy requests (Compliance, docs/adr/0025). The person is the employee a request is
 * about (an employee found by email for another subject is exported, never erased by it). Erasure of
 * a **terminated** employee replaces the name and work email, clears private contact details, birth
 * date, home address and termination reason, and the free text of leave requests; the employment
 * record itself (number, dates, department, position), job changes, compensation, pay components,
 * leave days and payslips are kept for their statutory retention periods. An active employee is not
 * erased (the data are needed for the employment contract): the report says so.
 */

/** The work email of an erased employee: unique, lower case, undeliverable (RFC 2606 `.invalid`). */
export const erasedWorkEmail = (employeeNumber: string) =>
  `erased-${employeeNumber.toLowerCase().replace(/[^a-z0-9-]/g, '-')}@erased.invalid`;

async function employeeIdsOf(db: Db, identity: PrivacyIdentity): Promise<string[]> {
  const ids = new Set<string>(identity.employeeId ? [identity.employeeId] : []);
  if (identity.emails.length > 0) {
    const rows = await db
      .selectFrom('hr.employees')
      .select('id')
      .where((eb) => eb.or([eb('work_email', 'in', identity.emails), eb('personal_email', 'in', identity.emails)]))
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return [...ids].sort();
}

async function exportHr(db: Db, identity: PrivacyIdentity): Promise<PrivacySection[]> {
  const ids = await employeeIdsOf(db, identity);
  if (ids.length === 0) return [{ key: 'hr.employees', title: 'HR employee records', records: [] }];
  const employees = await db
    .selectFrom('hr.employees')
    .select([
      'id',
      'employee_number',
      'first_name',
      'last_name',
      'work_email',
      'work_phone',
      'personal_email',
      'personal_phone',
      'birth_date',
      'home_address',
      'department_id',
      'position_id',
      'location_id',
      'manager_id',
      'employment_type',
      'start_date',
      'end_date',
      'status',
      'termination_reason',
      'user_id',
      'created_at',
    ])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
  const jobChanges = await db
    .selectFrom('hr.job_changes')
    .select(['id', 'employee_id', 'effective_date', 'department_id', 'position_id', 'manager_id', 'reason'])
    .where('employee_id', 'in', ids)
    .orderBy('effective_date')
    .orderBy('id')
    .execute();
  const compensations = await db
    .selectFrom('hr.compensations')
    .select(['id', 'employee_id', 'effective_date', 'base_salary', 'currency', 'pay_frequency', 'reason'])
    .where('employee_id', 'in', ids)
    .orderBy('effective_date')
    .orderBy('id')
    .execute();
  const leave = await db
    .selectFrom('hr.leave_requests as r')
    .innerJoin('hr.leave_types as t', 't.id', 'r.leave_type_id')
    .select([
      'r.id',
      'r.employee_id',
      't.code as leave_type',
      'r.start_date',
      'r.end_date',
      'r.days',
      'r.status',
      'r.reason',
      'r.decision_comment',
      'r.created_at',
    ])
    .where('r.employee_id', 'in', ids)
    .orderBy('r.start_date')
    .orderBy('r.id')
    .execute();
  const payComponents = await db
    .selectFrom('hr.pay_components')
    .select(['id', 'employee_id', 'kind', 'name', 'amount', 'rate', 'start_date', 'end_date'])
    .where('employee_id', 'in', ids)
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  const payslips = await db
    .selectFrom('hr.payslips')
    .select([
      'id',
      'employee_id',
      'employee_number',
      'employee_name',
      'period_start',
      'period_end',
      'pay_date',
      'currency',
      'status',
      'gross',
      'total_deductions',
      'net',
    ])
    .where('employee_id', 'in', ids)
    .orderBy('period_start')
    .orderBy('id')
    .execute();
  return [
    { key: 'hr.employees', title: 'HR employee records', records: employees.map(privacyRecord) },
    { key: 'hr.job-changes', title: 'Job changes', records: jobChanges.map(privacyRecord) },
    { key: 'hr.compensations', title: 'Compensation', records: compensations.map(privacyRecord) },
    { key: 'hr.leave-requests', title: 'Leave requests', records: leave.map(privacyRecord) },
    { key: 'hr.pay-components', title: 'Pay components', records: payComponents.map(privacyRecord) },
    { key: 'hr.payslips', title: 'Payslips', records: payslips.map(privacyRecord) },
  ];
}

const count = async (
  trx: Tx,
  table: 'hr.compensations' | 'hr.pay_components' | 'hr.payslips' | 'hr.job_changes',
  id: string,
) =>
  Number(
    (
      await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('employee_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

const PAYROLL_RETENTION =
  'Payroll and tax records: kept for the statutory retention period of payroll and accounting records (GDPR art. 17(3)(b): a legal obligation).';

async function eraseHr(
  trx: Tx,
  identity: PrivacyIdentity,
  ctx: Parameters<PrivacyHandlers['erase']>[2],
): Promise<PrivacyErasure> {
  const out: PrivacyErasure = { anonymized: [], retained: [] };
  // Only the subject's own employee record: another subject (a contact with the same email) does not erase an employee.
  const id = identity.subject.type === 'hr.employee' ? identity.employeeId : null;
  if (!id) {
    const found = await employeeIdsOf(trx, identity);
    if (found.length > 0)
      out.retained.push({
        what: 'Employee records with one of the person’s email addresses',
        count: found.length,
        reason: 'An employee record is erased only by a request about that employee (hr.employee).',
      });
    return out;
  }
  const employee = await trx
    .selectFrom('hr.employees')
    .select(['id', 'employee_number', 'status', 'first_name', 'last_name', 'work_email'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!employee) return out;
  if (employee.status === 'active') {
    out.retained.push({
      what: 'The employee record (active employment)',
      count: 1,
      reason:
        'The employee is active: the data are needed to perform the employment contract (GDPR art. 6(1)(b)). Terminate the employment first.',
    });
    return out;
  }
  const changed = await trx
    .updateTable('hr.employees')
    .set({
      first_name: 'Erased',
      last_name: `employee ${employee.employee_number}`,
      work_email: erasedWorkEmail(employee.employee_number),
      work_phone: null,
      personal_email: null,
      personal_phone: null,
      birth_date: null,
      home_address: null,
      termination_reason: null,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .where('work_email', '<>', erasedWorkEmail(employee.employee_number))
    .returning('id')
    .executeTakeFirst();
  if (changed)
    await writeAudit(trx, ctx, {
      action: 'employee.anonymized',
      entityType: 'hr.employee',
      entityId: id,
      after: {
        anonymized: [
          'first_name',
          'last_name',
          'work_email',
          'work_phone',
          'personal_email',
          'personal_phone',
          'birth_date',
          'home_address',
          'termination_reason',
        ],
      },
    });
  out.anonymized.push({
    what: 'Employee: name, work email, phones, private email, birth date, home address, termination reason',
    count: changed ? 1 : 0,
  });
  const leave = await trx
    .updateTable('hr.leave_requests')
    .set({ reason: null, decision_comment: null, version: sql<number>`version + 1`, updated_at: sql<Date>`now()` })
    .where('employee_id', '=', id)
    .where((eb) => eb.or([eb('reason', 'is not', null), eb('decision_comment', 'is not', null)]))
    .returning('id')
    .execute();
  for (const r of leave)
    await writeAudit(trx, ctx, {
      action: 'leave-request.anonymized',
      entityType: 'hr.leave-request',
      entityId: r.id,
      after: { anonymized: ['reason', 'decision_comment'] },
    });
  out.anonymized.push({ what: 'Leave requests: reason and decision comment', count: leave.length });
  const leaveDays = Number(
    (
      await trx
        .selectFrom('hr.leave_requests')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('employee_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
  const kept: [string, number, string][] = [
    [
      'Employment record: employee number, dates, department, position, manager, employment type',
      1,
      'Employment records: kept for the statutory retention period after the employment ends (labour, tax and social-security law).',
    ],
    [
      'Job changes',
      await count(trx, 'hr.job_changes', id),
      'Employment history: statutory retention of employment records.',
    ],
    ['Compensation history', await count(trx, 'hr.compensations', id), PAYROLL_RETENTION],
    ['Pay components', await count(trx, 'hr.pay_components', id), PAYROLL_RETENTION],
    ['Payslips (with the name as paid)', await count(trx, 'hr.payslips', id), PAYROLL_RETENTION],
    ['Leave requests: dates and days', leaveDays, PAYROLL_RETENTION],
  ];
  for (const [what, n, reason] of kept) if (n > 0) out.retained.push({ what, count: n, reason });
  return out;
}

async function identifyEmployee(db: Db, subject: PrivacySubject): Promise<PrivacyIdentity | null> {
  const row = await db
    .selectFrom('hr.employees')
    .select(['id', 'first_name', 'last_name', 'work_email', 'personal_email', 'user_id'])
    .where('id', '=', subject.id)
    .executeTakeFirst();
  if (!row) return null;
  const emails = [row.work_email, row.personal_email]
    .filter((e): e is string => !!e && !e.endsWith('@erased.invalid'))
    .map((e) => e.toLowerCase());
  return {
    subject,
    name: `${row.first_name} ${row.last_name}`.trim(),
    emails: [...new Set(emails)],
    userId: row.user_id,
    employeeId: row.id,
    contactId: null,
  };
}

export const hrPrivacy: PrivacyHandlers = {
  identify: async (db, subject) => (subject.type === 'hr.employee' ? identifyEmployee(db, subject) : null),
  export: exportHr,
  erase: eraseHr,
};
