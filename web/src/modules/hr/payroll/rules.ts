import { z } from 'zod';

/** An amount of money as the payroll forms take it: up to 12 digits and 2 decimals. */
export const money = z
  .string()
  .trim()
  .regex(/^(0|[1-9]\d{0,11})(\.\d{1,2})?$/, 'A number like 52000 or 52000.50 (at most 2 decimals).');
