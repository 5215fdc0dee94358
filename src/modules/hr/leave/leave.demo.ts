import type { DemoContext } from '../../../platform/demo/demo.js';

/** Demo leave data (seam: filled in by the leave work). */
export async function leaveDemo(_ctx: DemoContext): Promise<void> {}
