import type { DemoContext } from '../../../platform/demo/demo.js';

/** Demo employees data (seam: filled in by the employees work). */
export async function employeesDemo(_ctx: DemoContext): Promise<void> {}
