import type { DemoContext } from '../../../platform/demo/demo.js';

/** Demo payroll data (seam: filled in by the payroll work). */
export async function payrollDemo(_ctx: DemoContext): Promise<void> {}
