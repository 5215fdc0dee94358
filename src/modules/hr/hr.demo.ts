import type { DemoGenerator } from '../../platform/demo/demo.js';

/**
 * Demo HR: the organization and employees first, then leave, then compensation and payroll (each
 * part skips itself when its data is already there).
 */
export const hrDemo: DemoGenerator = {
  module: 'hr',
  async generate(_ctx) {},
};
