import { z } from '@hono/zod-openapi';
import { COLLECTORS } from './compliance.module.js';

// The schemas of Compliance's manifest (compliance.module.ts): imported when a job or a mail first uses
// them (the manifest is imported at every cold start; Zod is not: docs/adr/0008).

/** The payload of `compliance.collect`. */
export const collectEvidencePayload = () =>
  z.object({ collectors: z.array(z.enum(COLLECTORS)).max(COLLECTORS.length).optional() });

/** The payload of `compliance.privacy-request`. */
export const privacyRequestPayload = () => z.object({ requestId: z.uuid() });

/** The payload of `compliance.report`. */
export const reportPayload = () => z.object({ reportId: z.uuid() });

/** The data of the `compliance.policy-reminder` mail. */
export const policyReminderData = () =>
  z.object({ name: z.string().max(200), title: z.string().min(1).max(200), version: z.int().min(1) });
