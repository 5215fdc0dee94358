import type { PermissionInfo, PermissionsOf } from '../../platform/auth/permissions.js';
import type { AuditPrivacyRule, RoleDefinition } from '../../platform/modules/module.js';

export const hrPermissions = [
  { permission: 'hr:read', description: 'See the directory, your own record, leave and payslips, and your reports' },
  { permission: 'hr:write', description: 'Request leave; change the records of your reports' },
  { permission: 'hr:approve', description: "Approve or reject your reports' leave requests" },
  { permission: 'hr:compensation', description: 'See the salaries of the employees whose records you see' },
  {
    permission: 'hr:admin',
    description: 'Everything in HR: every employee, the organization, leave rules and payroll',
  },
] as const satisfies readonly PermissionInfo<`${string}:${string}`>[];

declare module '../../platform/auth/permissions.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface PermissionCatalog extends PermissionsOf<typeof hrPermissions> {}
}

/**
 * Everyone who signs in as an `employee` reads HR (the directory, their own record, leave and
 * payslips) and requests leave; `manager` also approves; `hr-admin` runs HR, including pay.
 */
export const hrRoles: readonly RoleDefinition[] = [
  // Owns HR, pay included; reads users to link employees to sign-ins.
  {
    name: 'hr-admin',
    description: 'Everything in HR: employees, organization, leave rules and payroll.',
    permissions: ['hr:*', 'auth:read'],
  },
  // Their reports in full (HR scopes it), their leave to approve; no salaries (hr:compensation is separate).
  { name: 'manager', permissions: ['hr:read', 'hr:write', 'hr:approve'] },
  // The directory, their own record, leave and payslips; requesting leave.
  { name: 'employee', permissions: ['hr:read', 'hr:write'] },
];

/**
 * What the audit log shows of HR's records to readers without hr:admin (who see everything in HR):
 * never personal contact data, birth dates, addresses, termination reasons, pay, or the reasons and
 * comments of leave requests (they may say why someone is ill).
 */
export const hrAuditPrivacy: readonly AuditPrivacyRule[] = [
  {
    entityType: 'hr.employee',
    fields: ['personal_email', 'personal_phone', 'birth_date', 'home_address', 'termination_reason'],
    visibleWith: 'hr:admin',
  },
  { entityType: 'hr.compensation', fields: '*', visibleWith: 'hr:admin' },
  { entityType: 'hr.pay-component', fields: ['name', 'amount', 'rate'], visibleWith: 'hr:admin' },
  {
    entityType: 'hr.payroll-run',
    fields: ['gross', 'deductions', 'net', 'total_gross', 'total_deductions', 'total_net'],
    visibleWith: 'hr:admin',
  },
  { entityType: 'hr.leave_request', fields: ['reason', 'decision_comment'], visibleWith: 'hr:admin' },
];
