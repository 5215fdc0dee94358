import type { DemoGenerator } from '../../platform/demo/demo.js';

/** Demo CRM: organizations, contacts, leads, a pipeline with opportunities, activities. */
export const crmDemo: DemoGenerator = {
  module: 'crm',
  async generate() {},
};
