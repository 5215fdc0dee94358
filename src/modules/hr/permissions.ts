import type { PermissionInfo } from '../auth/index.js';

export const hrPermissions: PermissionInfo[] = [
  { permission: 'hr:read', description: 'See the directory, your own record, leave and payslips, and your reports' },
  { permission: 'hr:write', description: 'Request leave; change the records of your reports' },
  { permission: 'hr:approve', description: "Approve or reject your reports' leave requests" },
  { permission: 'hr:compensation', description: 'See the salaries of the employees whose records you see' },
  {
    permission: 'hr:admin',
    description: 'Everything in HR: every employee, the organization, leave rules and payroll',
  },
];
