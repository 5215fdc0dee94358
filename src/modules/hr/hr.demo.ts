import type { DemoGenerator } from '../../platform/demo/demo.js';
import { employeesDemo } from './employees/employees.demo.js';
import { leaveDemo } from './leave/leave.demo.js';
import { payrollDemo } from './payroll/payroll.demo.js';

/**
 * Demo HR: the organization and employees first, then leave, then compensation and payroll (each
 * part skips itself when its data is already there).
 */
export const hrDemo: DemoGenerator = {
  module: 'hr',
  async generate(ctx) {
    await employeesDemo(ctx);
    await leaveDemo(ctx);
    await payrollDemo(ctx);
  },
};
