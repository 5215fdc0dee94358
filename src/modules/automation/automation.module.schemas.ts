import { z } from '@hono/zod-openapi';

// The schemas of Automation's manifest (automation.module.ts): imported when a job or a mail first uses
// them (the manifest is imported at every cold start; Zod is not: docs/adr/0008).

/** The payload of `automation.run`. */
export const runExecutionPayload = () => z.object({ executionId: z.uuid() });

/** The payload of `automation.tick`. */
export const automationTickPayload = () => z.object({});

/** The payload of `automation.housekeeping`. */
export const automationHousekeepingPayload = () => z.object({});

/** The payload of `automation.webhook-deliver`. */
export const deliverWebhookPayload = () => z.object({ deliveryId: z.uuid() });

/** The data of the `automation.flow-email` mail. */
export const flowEmailData = () => z.object({ subject: z.string().min(1).max(500), body: z.string().max(20_000) });

/** The data of the `automation.approval-reminder` mail. */
export const approvalReminderData = () =>
  z.object({ title: z.string().min(1).max(300), escalated: z.boolean().default(false) });
