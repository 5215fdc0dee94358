import { z } from '@hono/zod-openapi';
import { isoDate, isoDateTime, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';
import { metricDirections, metricUnits } from '../metrics/metrics.schemas.js';

export const cycleKinds = ['quarter', 'year', 'custom'] as const;
export const levels = ['company', 'department', 'team', 'person'] as const;
export const perspectives = ['financial', 'customer', 'internal-process', 'learning-growth'] as const;
export const objectiveStatuses = ['active', 'done', 'cancelled'] as const;
export const confidences = ['on-track', 'at-risk', 'off-track'] as const;
export const keyResultKinds = ['numeric', 'percentage', 'boolean', 'metric', 'milestone'] as const;

/** A key result's value: a decimal string, possibly negative (a cash balance), never a JSON number. */
export const decimalValue = z
  .string({ error: 'Send values as decimal strings, e.g. "1250.50".' })
  .trim()
  .regex(/^-?(0|[1-9]\d{0,19})(\.\d{1,8})?$/, 'A decimal string with at most 20 digits and 8 decimals, e.g. "-12.5".')
  .openapi({ example: '250000' });
export const weightValue = z
  .string()
  .trim()
  .regex(/^(0|[1-9]\d{0,4})(\.\d{1,4})?$/, 'A weight as a decimal string, e.g. "2" or "0.5".')
  .refine((w) => Number(w) > 0, 'A weight is above zero.')
  .openapi({ example: '1' });
const percentString = z.string().openapi({ example: '62.50', description: 'Percent, 0–100, 2 decimals' });

// ── cycles ───────────────────────────────────────────────────────────────────
export const Cycle = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(cycleKinds),
    startDate: isoDate,
    endDate: isoDate,
    status: z.enum(['open', 'closed']),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    checkInDays: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Check-ins are due every this many days (a reminder); null: no reminders' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('StrategyCycle');
export const CycleList = z.object({ items: z.array(Cycle) }).openapi('StrategyCycleList');
export const CycleListQuery = z.object({ status: z.enum(['open', 'closed']).optional() });
const checkInDays = z
  .number({ error: 'A whole number of days, 1 to 90, or null for no reminders.' })
  .int('A whole number of days, 1 to 90.')
  .min(1, 'At least every day (1).')
  .max(90, 'At most every 90 days.')
  .nullable();
export const CreateCycleBody = z
  .strictObject({
    name: shortText(200),
    kind: z.enum(cycleKinds),
    startDate: isoDate,
    endDate: isoDate,
    checkInDays: checkInDays.default(7).openapi({ description: 'Days between check-ins (reminders); null: none' }),
  })
  .refine((b) => b.startDate <= b.endDate, { message: 'The cycle ends before it starts.', path: ['endDate'] })
  .openapi('CreateStrategyCycleBody');
export const UpdateCycleBody = z
  .strictObject({
    version: versionField,
    name: shortText(200).optional(),
    kind: z.enum(cycleKinds).optional(),
    startDate: isoDate.optional(),
    endDate: isoDate.optional(),
    checkInDays: checkInDays.optional(),
  })
  .openapi('UpdateStrategyCycleBody');
export const CopyUnfinishedBody = z.strictObject({ targetCycleId: uuid }).openapi('CopyUnfinishedObjectivesBody');
export const CopyResult = z
  .object({ copied: z.array(z.object({ fromId: z.string(), toId: z.string() })) })
  .openapi('CopyUnfinishedObjectivesResult');

export const Score = z
  .object({
    objectiveId: z.string(),
    keyResultId: z.string().nullable(),
    progress: percentString,
    value: z.string().nullable(),
    snapshotId: z.string().nullable(),
  })
  .openapi('StrategyScore');
export const ScoreList = z
  .object({ cycleId: z.string(), closedAt: z.string().nullable(), items: z.array(Score) })
  .openapi('StrategyScoreList');

// ── objectives and key results ───────────────────────────────────────────────
export const KeyResult = z
  .object({
    id: z.string(),
    objectiveId: z.string(),
    title: z.string(),
    kind: z.enum(keyResultKinds),
    startValue: z.string().nullable(),
    targetValue: z.string().nullable(),
    value: z.string().nullable().openapi({ description: "Null without the metric's permission, or before a value" }),
    valueVisible: z.boolean(),
    metric: z
      .object({
        key: z.string(),
        label: z.string(),
        unit: z.enum(metricUnits).nullable(),
        direction: z.enum(metricDirections).nullable(),
        params: z.record(z.string(), z.unknown()),
        currency: z.string().nullable(),
      })
      .nullable(),
    milestone: z
      .object({
        id: z.string(),
        projectId: z.string().nullable(),
        dueDate: z.string().nullable(),
        reached: z.boolean(),
        reachedOn: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'A milestone key result: the Projects milestone, read live' }),
    weight: z.string(),
    progress: percentString,
    lastEvaluatedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('StrategyKeyResult');

export const Objective = z
  .object({
    id: z.string(),
    cycleId: z.string(),
    parentId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    level: z.enum(levels),
    ownerId: z.string(),
    department: z.string().nullable(),
    perspective: z.enum(perspectives).nullable(),
    status: z.enum(objectiveStatuses),
    health: z.enum(confidences).nullable(),
    weight: z.string(),
    progress: percentString,
    childIds: z.array(z.string()),
    keyResults: z.array(KeyResult),
    copiedFromId: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('StrategyObjective');
export const ObjectiveList = z.object({ items: z.array(Objective) }).openapi('StrategyObjectiveList');
export const ObjectiveListQuery = z.object({
  cycleId: uuid,
  ownerId: uuid.optional(),
  level: z.enum(levels).optional(),
});

export const CreateObjectiveBody = z
  .strictObject({
    cycleId: uuid,
    parentId: uuid.nullable().optional().openapi({ description: 'The objective this one contributes to (same cycle)' }),
    title: shortText(300),
    description: z.string().max(10000).default(''),
    level: z.enum(levels).default('person').openapi({ description: 'company needs strategy:admin' }),
    ownerId: uuid.optional().openapi({ description: 'Defaults to you; someone else needs strategy:admin' }),
    department: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .openapi({ description: "An HR department's code or name" }),
    perspective: z.enum(perspectives).nullable().optional(),
    weight: weightValue.default('1').openapi({ description: "Its weight in its parent's roll-up" }),
  })
  .openapi('CreateStrategyObjectiveBody');
export const UpdateObjectiveBody = z
  .strictObject({
    version: versionField,
    parentId: uuid.nullable().optional(),
    title: shortText(300).optional(),
    description: z.string().max(10000).optional(),
    ownerId: uuid.optional(),
    department: z.string().trim().min(1).max(100).nullable().optional(),
    perspective: z.enum(perspectives).nullable().optional(),
    status: z.enum(objectiveStatuses).optional(),
    weight: weightValue.optional(),
  })
  .openapi('UpdateStrategyObjectiveBody');

export const CreateKeyResultBody = z
  .strictObject({
    title: shortText(300),
    kind: z.enum(keyResultKinds),
    startValue: decimalValue.optional().openapi({ description: 'Required but for boolean (0) and percentage (0)' }),
    targetValue: decimalValue.optional().openapi({ description: 'Required but for boolean (1) and percentage (100)' }),
    currentValue: decimalValue.optional().openapi({ description: 'Manual kinds: the value now (default: the start)' }),
    metricKey: z.string().max(100).optional().openapi({ description: 'Metric-bound: a registered metric' }),
    metricParams: z.record(z.string(), z.unknown()).default({}),
    milestoneId: uuid.optional().openapi({ description: 'Milestone: a Projects milestone (reached = done)' }),
    weight: weightValue.default('1'),
  })
  .openapi('CreateStrategyKeyResultBody');
export const UpdateKeyResultBody = z
  .strictObject({
    version: versionField,
    title: shortText(300).optional(),
    startValue: decimalValue.optional(),
    targetValue: decimalValue.optional(),
    currentValue: decimalValue.optional().openapi({ description: 'Manual kinds only' }),
    weight: weightValue.optional(),
  })
  .openapi('UpdateStrategyKeyResultBody');

export const CheckIn = z
  .object({
    id: z.string(),
    keyResultId: z.string(),
    authorId: z.string(),
    confidence: z.enum(confidences),
    comment: z.string(),
    value: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('StrategyCheckIn');
export const CheckInList = z.object({ items: z.array(CheckIn) }).openapi('StrategyCheckInList');
export const CreateCheckInBody = z
  .strictObject({
    confidence: z.enum(confidences),
    comment: z.string().trim().max(5000).default(''),
    value: decimalValue.optional().openapi({ description: 'Manual key results: the new value' }),
  })
  .openapi('CreateStrategyCheckInBody');

export const Snapshot = z
  .object({
    id: z.string(),
    keyResultId: z.string(),
    value: z.string().nullable(),
    currency: z.string().nullable(),
    progress: percentString,
    periodFrom: isoDate,
    periodTo: isoDate,
    source: z.enum(['on-demand', 'schedule', 'close']),
    asOf: isoDateTime,
  })
  .openapi('StrategySnapshot');
export const SnapshotList = z
  .object({ keyResultId: z.string(), valueVisible: z.boolean(), items: z.array(Snapshot) })
  .openapi('StrategySnapshotList');

export const Scorecard = z
  .object({
    cycleId: z.string(),
    perspectives: z.array(
      z.object({
        perspective: z.enum(perspectives),
        objectives: z.array(
          z.object({
            id: z.string(),
            parentId: z.string().nullable(),
            title: z.string(),
            level: z.enum(levels),
            progress: percentString,
            health: z.enum(confidences).nullable(),
          }),
        ),
        kpis: z.array(z.object({ id: z.string(), name: z.string(), metricKey: z.string(), target: z.string() })),
      }),
    ),
  })
  .openapi('StrategyScorecard');
