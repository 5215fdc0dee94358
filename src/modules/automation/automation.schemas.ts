import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../platform/http/pagination.js';
import { shortText, uuid } from '../../platform/http/schemas.js';
import { versionField } from '../../platform/http/versioning.js';
import { FlowDefinition } from './flows/definition.js';

export const Flow = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    runAsUserId: z.uuid(),
    enabled: z.boolean(),
    draft: z.unknown(),
    publishedVersion: z.number().int().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AutomationFlow');
export const FlowDetail = Flow.extend({
  versions: z.array(z.object({ version: z.number().int(), publishedBy: z.uuid().nullable(), publishedAt: z.string() })),
}).openapi('AutomationFlowDetail');
export const FlowPage = pageSchema(Flow).openapi('AutomationFlowPage');
const recordType = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/, 'A record type, e.g. crm.organization.')
  .max(100);
export const FlowListQuery = listQuery(['name', 'createdAt', 'updatedAt'], 'name').extend({
  manualFor: recordType
    .optional()
    .openapi({ description: "Only the published, enabled manual flows run from this record type's page" }),
});
export const FlowVersion = z
  .object({ flowId: z.uuid(), version: z.number().int(), definition: z.unknown(), publishedAt: z.string() })
  .openapi('AutomationFlowVersion');

export const CreateFlowBody = z
  .strictObject({
    name: shortText(200),
    description: z.string().max(4000).optional(),
    runAsUserId: uuid.optional().openapi({ description: 'Default: yourself; another user needs automation:admin' }),
    definition: FlowDefinition,
  })
  .openapi('CreateAutomationFlowRequest');
export const UpdateFlowBody = z
  .strictObject({
    version: versionField,
    name: shortText(200).optional(),
    description: z.string().max(4000).optional(),
    runAsUserId: uuid.optional(),
    enabled: z.boolean().optional(),
    definition: FlowDefinition.optional(),
  })
  .openapi('UpdateAutomationFlowRequest');
export const PublishFlowBody = z.strictObject({ version: versionField }).openapi('PublishAutomationFlowRequest');
export const VersionParam = z.object({ id: uuid, version: z.coerce.number().int().min(1) });

const FormValues = z.record(z.string(), z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]));
export const RecordRef = z
  .strictObject({ type: recordType, id: uuid })
  .openapi('AutomationRecordRef', { description: 'The record a flow is run from: `trigger.record` in the run' });
export const RunFlowBody = z
  .strictObject({
    values: FormValues.default({}),
    record: RecordRef.optional().openapi({ description: "Required when the flow's trigger names a record type" }),
  })
  .openapi('RunAutomationFlowRequest');

export const TestRunBody = z
  .strictObject({
    trigger: z.record(z.string(), z.unknown()).default({}).openapi({
      description:
        'What expressions see as `trigger`: `{ "payload": { … } }` for an event, `{ "values": { … }, "record": { … } }` for a manual trigger',
    }),
    outputs: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "Stand-in outputs by step id (an approval's decision, an action's result)" }),
    definition: FlowDefinition.optional().openapi({ description: 'Test this definition instead of the saved draft' }),
  })
  .openapi('AutomationTestRunRequest');
export const TestRunResult = z
  .object({
    status: z.enum(['succeeded', 'failed', 'stopped']),
    reason: z.string().nullable(),
    steps: z.array(
      z.object({
        stepId: z.string(),
        kind: z.string(),
        status: z.enum(['succeeded', 'failed', 'mocked', 'skipped', 'stopped']),
        input: z.unknown(),
        output: z.unknown(),
        error: z.string().nullable(),
        next: z.string().nullable(),
      }),
    ),
    variables: z.unknown(),
  })
  .openapi('AutomationTestRunResult');
export const EventTypeList = z
  .object({
    items: z.array(
      z.object({
        name: z.string(),
        example: z
          .unknown()
          .openapi({ description: 'A made-up payload from its schema (a test run’s starting sample)' }),
      }),
    ),
  })
  .openapi('AutomationEventTypeList');
export const RecordTypeList = z
  .object({ items: z.array(z.object({ type: z.string(), label: z.string() })) })
  .openapi('AutomationRecordTypeList');
export const Started = z.object({ executionId: z.uuid() }).openapi('AutomationRunStarted');

export const Execution = z
  .object({
    id: z.uuid(),
    flowId: z.uuid(),
    version: z.number().int(),
    status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']),
    trigger: z.unknown(),
    variables: z.unknown(),
    nextStep: z.string().nullable(),
    resumeAt: z.string().nullable(),
    runAsUserId: z.uuid(),
    retryOf: z.uuid().nullable(),
    /** A sub-flow's run: the run that called it. */
    parentExecutionId: z.uuid().nullable(),
    /** The event type a waiting run waits for. */
    waitingForEvent: z.string().nullable(),
    startedBy: z.uuid().nullable(),
    error: z.string().nullable(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('AutomationExecution');
export const ExecutionStep = z
  .object({
    seq: z.number().int(),
    stepId: z.string(),
    kind: z.string(),
    status: z.enum(['succeeded', 'failed', 'waiting', 'copied']),
    input: z.unknown(),
    output: z.unknown(),
    error: z.string().nullable(),
    attempts: z.number().int(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi('AutomationExecutionStep');
export const ExecutionDetail = Execution.extend({ steps: z.array(ExecutionStep) }).openapi('AutomationExecutionDetail');
export const ExecutionPage = pageSchema(Execution).openapi('AutomationExecutionPage');
export const ExecutionListQuery = listQuery(['createdAt'], '-createdAt').extend({
  flowId: uuid.optional(),
  status: z.enum(['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled']).optional(),
});
export const RetryBody = z
  .strictObject({
    from: z.enum(['start', 'failed-step']).default('failed-step'),
    version: z.enum(['same', 'latest']).default('same'),
  })
  .openapi('RetryAutomationRunRequest');

export const Approval = z
  .object({
    id: z.uuid(),
    executionId: z.uuid(),
    stepId: z.string(),
    title: z.string(),
    description: z.string(),
    assigneeUserId: z.uuid().nullable(),
    assigneeRole: z.string().nullable(),
    form: z.unknown(),
    status: z.enum(['pending', 'approved', 'rejected', 'cancelled', 'expired']),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.string().nullable(),
    values: z.unknown(),
    comment: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AutomationApproval');
export const ApprovalInbox = z
  .object({ items: z.array(Approval), count: z.number().int() })
  .openapi('AutomationApprovalInbox');
export const InboxQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const DecideBody = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    values: FormValues.default({}),
    comment: z.string().max(4000).nullable().optional(),
  })
  .openapi('DecideAutomationApprovalRequest');

export const ActionList = z
  .object({
    items: z.array(
      z.object({ key: z.string(), label: z.string(), description: z.string().nullable(), permission: z.string() }),
    ),
  })
  .openapi('AutomationActionList');
