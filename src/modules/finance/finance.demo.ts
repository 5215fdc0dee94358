import type { DemoGenerator } from '../../platform/demo/demo.js';

/** Demo books: a chart, two years of activity (entries; later invoices, bills and payments). */
export const financeDemo: DemoGenerator = {
  module: 'finance',
  async generate() {},
};
