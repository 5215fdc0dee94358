import { z } from 'zod';

/** The parameters of Projects' metrics (projects.metrics.ts): imported when a metric is first evaluated. */
export const onTimeMilestoneRateParams = () => z.object({ projectId: z.uuid().optional() }).strict();
export const budgetBurnParams = () => z.object({ projectId: z.uuid() }).strict();
export const hoursLoggedParams = () =>
  z.object({ projectId: z.uuid().optional(), billableOnly: z.boolean().default(false) }).strict();
