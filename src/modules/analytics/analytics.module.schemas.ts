import { z } from 'zod';
import { EXPORT_FORMATS } from './analytics.module.js';

// The schemas of Analytics' manifest (analytics.module.ts): imported when a mail or a job first uses
// them (the manifest is imported at every cold start; Zod is not: docs/adr/0008).

/** The data of the `analytics.report` mail. */
export const analyticsReportData = () =>
  z.object({
    recipientName: z.string().min(1).max(200),
    subscription: z.string().min(1).max(200),
    title: z.string().min(1).max(200),
    period: z.string().min(1).max(40),
    asOf: z.string().min(1).max(40),
    format: z.enum(['pdf', 'xlsx']),
  });

/** The data of the `analytics.alert` mail. */
export const analyticsAlertData = () =>
  z.object({
    recipientName: z.string().min(1).max(200),
    alert: z.string().min(1).max(200),
    question: z.string().min(1).max(200),
    measure: z.string().min(1).max(200),
    value: z.string().max(60),
    condition: z.enum(['above', 'below']),
    threshold: z.string().max(60),
  });

/** The payload of `analytics.export`. */
export const analyticsExportPayload = () =>
  z.object({
    /** A saved question, or a whole dashboard (one sheet per card). */
    target: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('question'), id: z.uuid() }),
      z.object({ kind: z.literal('dashboard'), id: z.uuid() }),
    ]),
    format: z.enum(EXPORT_FORMATS),
    /** Extra filters (AnalyticsFilter, checked by the route and again by the handler against each dataset). */
    filters: z.array(z.record(z.string(), z.unknown())).max(20).default([]),
    /** Who asked: their visibility is read again when the job runs (a user who lost access gets nothing). */
    userId: z.uuid(),
  });
export type AnalyticsExportPayload = z.output<ReturnType<typeof analyticsExportPayload>>;

/** The payload of `analytics.subscriptions-due`. */
export const analyticsSubscriptionsDuePayload = () => z.object({});

/** The payload of `analytics.subscription-run`. */
export const analyticsSubscriptionRunPayload = () =>
  z.object({
    subscriptionId: z.uuid(),
    /** The schedule's period this run is for (local to its time zone): sent once per period. */
    period: z.string().min(1).max(40),
  });
export type AnalyticsSubscriptionRunPayload = z.output<ReturnType<typeof analyticsSubscriptionRunPayload>>;
