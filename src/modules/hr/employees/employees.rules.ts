import type { Tx } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { today } from '../../../platform/dates.js';
import { activeUserIds } from '../../auth/index.js';
import { accessTo, type HrViewer } from '../access.js';
import { hrErrors } from '../hr.errors.js';
import { assertEmployeeExists, lockReportingTree } from '../hr.shared.js';
import * as org from '../organization/organization.repository.js';
import * as repo from './employees.repository.js';
import type { CreateEmployeeInput, UpdateEmployeeInput } from './employees.schemas.js';

type Input = Partial<CreateEmployeeInput>;

/** Every referenced department, position, location and manager exists (422 on the field otherwise). */
export async function checkReferences(trx: Tx, input: Input): Promise<void> {
  if (input.departmentId && !(await org.findDepartment(trx, input.departmentId)))
    throw errors.invalidReference('departmentId', 'Department', input.departmentId);
  if (input.positionId && !(await org.findPosition(trx, input.positionId)))
    throw errors.invalidReference('positionId', 'Position', input.positionId);
  if (input.locationId && !(await org.findLocation(trx, input.locationId)))
    throw errors.invalidReference('locationId', 'Location', input.locationId);
  // Share-locked: a concurrent termination of the manager waits for us (and then sees the new report).
  if (input.managerId)
    await assertEmployeeExists(trx, input.managerId, 'managerId', { activeOnly: true, forShare: true });
}

/**
 * The new manager must not be the employee or one of their reports. Checked under the reporting-tree
 * lock, so two concurrent changes (A under B, B under A) cannot together make a loop.
 */
export async function checkNoLoop(trx: Tx, employeeId: string, managerId: string, path = 'managerId') {
  await lockReportingTree(trx);
  if (await repo.managerWouldLoop(trx, employeeId, managerId)) throw hrErrors.managerLoop(path);
}

/** Dates that make sense together (the merged record for updates). */
export function checkDates(
  record: { start_date: string; end_date: string | null; birth_date: string | null },
  effectiveDate?: string,
) {
  if (record.end_date !== null && record.end_date < record.start_date)
    throw hrErrors.invalidDates('endDate', 'The end date is before the start date.');
  if (record.birth_date !== null && record.birth_date >= today())
    throw hrErrors.invalidDates('birthDate', 'The birth date must be in the past.');
  if (effectiveDate !== undefined && effectiveDate < record.start_date)
    throw hrErrors.invalidDates('effectiveDate', 'A job change cannot take effect before the start date.');
}

/** One active employee per work email; one employee per MOMS user, which must be an active user. */
export async function checkUnique(trx: Tx, input: Input, exceptId?: string): Promise<void> {
  if (input.workEmail) {
    const taken = await repo.activeEmployeeWithEmail(trx, input.workEmail, exceptId);
    if (taken) throw hrErrors.duplicateWorkEmail(taken.id, input.workEmail);
  }
  if (input.userId) {
    if (!(await activeUserIds(trx, [input.userId])).has(input.userId))
      throw errors.invalidReference('userId', 'User', input.userId);
    const linked = await repo.employeeLinkedTo(trx, input.userId, exceptId);
    if (linked) throw hrErrors.userAlreadyLinked(linked.id);
  }
}

/** What a manager (hr:write) may change on a report, and what anyone may change on themselves. */
const MANAGER_FIELDS = new Set([
  'departmentId',
  'positionId',
  'locationId',
  'managerId',
  'workPhone',
  'effectiveDate',
  'reason',
]);
const SELF_FIELDS = new Set(['personalEmail', 'personalPhone', 'homeAddress', 'workPhone']);

/**
 * hr:admin changes anything. Without it, hr:write lets you change your own contact details and, for
 * your reports (direct or not), their job placement; a new manager must then be you or one of your
 * reports (you cannot move people out of your part of the tree).
 */
export async function checkMayUpdate(trx: Tx, viewer: HrViewer, id: string, input: UpdateEmployeeInput): Promise<void> {
  if (viewer.admin) return;
  const fields = Object.keys(input).filter((k) => k !== 'version');
  const isSelf = viewer.employeeId === id;
  const isReport = !isSelf && (await accessTo(trx, viewer, id)) === 'full';
  if (!viewer.write || (!isSelf && !isReport)) throw errors.forbidden('hr:admin');
  const allowed = isSelf ? SELF_FIELDS : MANAGER_FIELDS;
  const refused = fields.filter((f) => !allowed.has(f));
  if (refused.length > 0)
    throw hrErrors.notAllowedFields(refused, isSelf ? 'On your own record you' : 'As a manager you');
  if (isReport && input.managerId !== undefined) {
    const ok =
      input.managerId !== null &&
      (input.managerId === viewer.employeeId || (await accessTo(trx, viewer, input.managerId)) === 'full');
    if (!ok)
      throw errors.validation([
        { path: 'managerId', message: 'Only yourself or one of your reports.', code: 'not_in_your_team' },
      ]);
  }
}
