import { authDemo } from '../modules/auth/index.js';
import { crmDemo } from '../modules/crm/index.js';
import { financeDemo } from '../modules/finance/index.js';
import { hrDemo } from '../modules/hr/index.js';
import type { DemoGenerator } from '../platform/demo/demo.js';

/** Demo data generators, in the order they run (later modules may use what earlier ones made). */
export const demoGenerators: DemoGenerator[] = [authDemo, financeDemo, crmDemo, hrDemo];
