import { z } from 'zod';

const money = z.string().regex(/^(\d+(\.\d{1,4})?)?$/, 'A number like 1500.00');
export const projectSchema = z.object({
  code: z.string(),
  name: z.string().trim().min(1, 'Required.'),
  description: z.string(),
  status: z.string(),
  billingMethod: z.string(),
  clientPartyId: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  budgetHours: z.string().regex(/^(\d+(\.\d{1,2})?)?$/, 'A number like 120.5'),
  budgetAmount: money,
  defaultBillingRate: money,
  tags: z.string(),
});
export type ProjectFormValues = z.infer<typeof projectSchema>;

/** Empty strings become null (cleared), tags a list. */
export function projectBody(v: ProjectFormValues) {
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    name: v.name.trim(),
    description: v.description,
    status: v.status as 'proposed' | 'active' | 'on_hold' | 'completed' | 'cancelled',
    billingMethod: v.billingMethod as 'non_billable' | 'time_and_materials' | 'fixed_price',
    clientPartyId: orNull(v.clientPartyId),
    startDate: orNull(v.startDate),
    endDate: orNull(v.endDate),
    budgetHours: orNull(v.budgetHours),
    budgetAmount: orNull(v.budgetAmount),
    defaultBillingRate: orNull(v.defaultBillingRate),
    tags: v.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
}
