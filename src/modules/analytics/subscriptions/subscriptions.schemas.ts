import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { Filter } from '../query/query.schemas.js';
import { isTimeZone } from './schedule.js';

export const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;

export const ScheduleInput = z
  .strictObject({
    frequency: z.enum(FREQUENCIES).openapi({ description: 'hourly only for alerts (a report at most once a day)' }),
    hour: z.int().min(0).max(23).default(7).openapi({ description: 'The hour (0–23) on the time zone’s clock' }),
    weekday: z.int().min(1).max(7).nullable().default(null).openapi({ description: 'Weekly: 1 Monday … 7 Sunday' }),
    dayOfMonth: z.int().min(1).max(28).nullable().default(null).openapi({ description: 'Monthly: 1–28' }),
    timeZone: z.string().max(64).refine(isTimeZone, 'An IANA time zone such as Europe/Paris.').default('UTC'),
  })
  .openapi('AnalyticsSchedule');

const decimal = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'A decimal number such as 1000 or -2.5.')
  .openapi({ example: '100000' });

export const AlertInput = z
  .strictObject({
    measure: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9]{0,62}$/)
      .openapi({ description: 'A measure of the question' }),
    condition: z.enum(['above', 'below']),
    threshold: decimal,
  })
  .openapi('AnalyticsAlertCondition');

const recipients = z
  .array(uuid)
  .min(1)
  .max(50)
  .openapi({ description: 'Users who receive it (default: you); others than you need analytics:write' });

const targetRules = (
  b: {
    kind?: 'report' | 'alert';
    questionId?: string | undefined;
    dashboardId?: string | undefined;
    alert?: unknown;
    format?: unknown;
    schedule?: { frequency: string } | undefined;
  },
  ctx: z.RefinementCtx,
) => {
  if (b.kind === undefined) return;
  if ((b.questionId === undefined) === (b.dashboardId === undefined))
    ctx.addIssue({ code: 'custom', path: ['questionId'], message: 'Name exactly one of questionId and dashboardId.' });
  if (b.kind === 'alert') {
    if (b.dashboardId !== undefined)
      ctx.addIssue({ code: 'custom', path: ['dashboardId'], message: 'An alert watches a question.' });
    if (b.alert === undefined) ctx.addIssue({ code: 'custom', path: ['alert'], message: 'Required for an alert.' });
    if (b.format !== undefined) ctx.addIssue({ code: 'custom', path: ['format'], message: 'An alert mails no file.' });
  } else {
    if (b.alert !== undefined) ctx.addIssue({ code: 'custom', path: ['alert'], message: 'Only for alerts.' });
    if (b.schedule?.frequency === 'hourly')
      ctx.addIssue({ code: 'custom', path: ['schedule', 'frequency'], message: 'A report goes at most daily.' });
  }
};

export const CreateSubscriptionBody = z
  .strictObject({
    name: shortText(),
    kind: z.enum(['report', 'alert']).openapi({
      description: "report: the question's or dashboard's file on a schedule; alert: a mail when its number crosses",
    }),
    questionId: uuid.optional(),
    dashboardId: uuid.optional(),
    format: z.enum(['pdf', 'xlsx']).optional().openapi({ description: 'Reports: the file (default pdf)' }),
    schedule: ScheduleInput,
    alert: AlertInput.optional(),
    filters: z.array(Filter).max(20).default([]),
    recipients: recipients.optional(),
    active: z.boolean().default(true),
  })
  .superRefine(targetRules)
  .openapi('CreateAnalyticsSubscription');
export type CreateSubscriptionT = z.output<typeof CreateSubscriptionBody>;

export const UpdateSubscriptionBody = z
  .strictObject({
    version: versionField,
    name: shortText().optional(),
    format: z.enum(['pdf', 'xlsx']).optional(),
    schedule: ScheduleInput.optional(),
    alert: AlertInput.optional(),
    filters: z.array(Filter).max(20).optional(),
    recipients: recipients.optional(),
    active: z.boolean().optional(),
  })
  .openapi('UpdateAnalyticsSubscription');
export type UpdateSubscriptionT = z.output<typeof UpdateSubscriptionBody>;

export const Subscription = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: z.enum(['report', 'alert']),
    questionId: z.uuid().nullable(),
    dashboardId: z.uuid().nullable(),
    format: z.enum(['pdf', 'xlsx']).nullable(),
    schedule: z.object({
      frequency: z.enum(FREQUENCIES),
      hour: z.number().int(),
      weekday: z.number().int().nullable(),
      dayOfMonth: z.number().int().nullable(),
      timeZone: z.string(),
    }),
    alert: z.object({ measure: z.string(), condition: z.enum(['above', 'below']), threshold: z.string() }).nullable(),
    filters: z.array(z.record(z.string(), z.unknown())),
    recipients: z.array(z.uuid()),
    active: z.boolean(),
    nextRunAt: isoDateTime.nullable(),
    lastPeriod: z.string().nullable().openapi({ description: 'The last period sent (in the time zone)' }),
    lastRunAt: isoDateTime.nullable(),
    ownerId: z.uuid(),
    canEdit: z.boolean(),
    version: z.number().int(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('AnalyticsSubscription');
export const SubscriptionPage = pageSchema(Subscription).openapi('AnalyticsSubscriptionPage');
export const SubscriptionListQuery = listQuery(['name', 'updatedAt'], '-updatedAt');
