import { z } from '@hono/zod-openapi';
import { listQuery, pageSchema } from '../../../platform/http/pagination.js';
import { amount, booleanQuery, isoDate, shortText, uuid } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

export const taskTypes = ['task', 'milestone', 'phase'] as const;
export const priorities = ['low', 'medium', 'high', 'urgent'] as const;
export const dependencyKinds = ['finish_to_start', 'start_to_start'] as const;
const categories = ['todo', 'in_progress', 'done'] as const;

const hours = amount({ decimals: 2, integerDigits: 8, example: '8' });
const labels = z.array(z.string().trim().min(1).max(50)).max(20);
const ChecklistItem = z
  .strictObject({ text: shortText(300), done: z.boolean().default(false) })
  .openapi('ChecklistItem');
const checklist = z.array(ChecklistItem).max(100);
export const MAX_CHECKLIST_ITEMS = 100;

export const ChecklistEntry = z
  .object({
    id: z.string(),
    text: z.string(),
    done: z.boolean(),
    position: z.number().int(),
    version: z.number().int(),
  })
  .openapi('ChecklistEntry');
export const ChecklistList = z.object({ items: z.array(ChecklistEntry) }).openapi('ChecklistList');
export const ChecklistItemParams = z.object({ id: uuid, itemId: uuid });
export const AddChecklistItemBody = z
  .strictObject({
    text: shortText(300),
    position: z
      .number()
      .int()
      .min(0)
      .optional()
      .openapi({ description: 'Where to insert it (0 = first); default last' }),
  })
  .openapi('AddChecklistItemRequest');
export const UpdateChecklistItemBody = z
  .strictObject({
    version: versionField,
    text: shortText(300).optional(),
    done: z.boolean().optional().openapi({ description: 'Tick or untick the item' }),
  })
  .openapi('UpdateChecklistItemRequest');
export const ReorderChecklistBody = z
  .strictObject({
    itemIds: z
      .array(uuid)
      .max(MAX_CHECKLIST_ITEMS)
      .openapi({ description: "All of the task's item ids, in the new order (a 409 if the list has changed)" }),
  })
  .openapi('ReorderChecklistRequest');

export const CreateTaskBody = z
  .strictObject({
    projectId: uuid,
    parentId: uuid.nullable().optional(),
    type: z.enum(taskTypes).default('task'),
    title: shortText(300),
    description: z.string().max(20000).default(''),
    statusId: uuid.optional().openapi({ description: "Defaults to the workflow's first status" }),
    priority: z.enum(priorities).default('medium'),
    startDate: isoDate.nullable().optional(),
    dueDate: isoDate.nullable().optional().openapi({ description: 'A milestone has one date: its due date' }),
    estimateHours: hours.nullable().optional(),
    labels: labels.default([]),
    checklist: checklist.default([]),
    assigneeIds: z.array(uuid).max(20).default([]).openapi({ description: 'Members of the project' }),
  })
  .openapi('CreateTaskRequest');

export const UpdateTaskBody = z
  .strictObject({
    version: versionField,
    parentId: uuid.nullable().optional(),
    type: z.enum(taskTypes).optional(),
    title: shortText(300).optional(),
    description: z.string().max(20000).optional(),
    statusId: uuid
      .optional()
      .openapi({ description: 'Changing status is guarded by the dependencies (409 task-blocked)' }),
    priority: z.enum(priorities).optional(),
    startDate: isoDate.nullable().optional(),
    dueDate: isoDate.nullable().optional(),
    estimateHours: hours.nullable().optional(),
    labels: labels.optional(),
    checklist: checklist.optional(),
    assigneeIds: z.array(uuid).max(20).optional(),
  })
  .openapi('UpdateTaskRequest');

export const MoveTaskBody = z
  .strictObject({
    version: versionField,
    statusId: uuid,
    afterTaskId: uuid
      .nullable()
      .default(null)
      .openapi({ description: 'Place it right after this task of the column; null: at the top' }),
  })
  .openapi('MoveTaskRequest');

export const Progress = z
  .object({
    percent: z
      .number()
      .nullable()
      .openapi({ description: 'Estimate-weighted share of done leaf work (0–100, 1 decimal)' }),
    done: z.number().int(),
    total: z.number().int(),
    doneHours: z.string(),
    totalHours: z.string(),
  })
  .openapi('Progress');

export const Task = z
  .object({
    id: z.string(),
    projectId: z.string(),
    key: z.string().openapi({ example: 'WEB-12' }),
    number: z.number().int(),
    parentId: z.string().nullable(),
    type: z.enum(taskTypes),
    title: z.string(),
    description: z.string(),
    statusId: z.string(),
    statusName: z.string(),
    statusCategory: z.enum(categories),
    priority: z.enum(priorities),
    startDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    estimateHours: z.string().nullable(),
    labels: z.array(z.string()),
    checklist: z.array(ChecklistEntry),
    rank: z.string(),
    assigneeIds: z.array(z.string()),
    completedAt: z.string().nullable(),
    progress: Progress.nullable().openapi({ description: 'For a task with subtasks (on GET of one task)' }),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Task');
export const TaskPage = pageSchema(Task).openapi('TaskPage');

export const TaskListQuery = listQuery(
  ['number', 'dueDate', 'startDate', 'createdAt', 'updatedAt', 'title'],
  'number',
).extend({
  projectId: uuid.optional(),
  statusId: uuid.optional(),
  category: z.enum(categories).optional(),
  assigneeId: uuid.optional(),
  type: z.enum(taskTypes).optional(),
  priority: z.enum(priorities).optional(),
  label: z.string().max(50).optional(),
  parentId: uuid.optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  overdue: booleanQuery.optional().openapi({ description: 'true: not done and due before today' }),
});

export const CreateDependencyBody = z
  .strictObject({
    predecessorId: uuid,
    successorId: uuid,
    kind: z.enum(dependencyKinds).default('finish_to_start'),
    lagDays: z.number().int().min(-365).max(365).default(0),
  })
  .refine((d) => d.predecessorId !== d.successorId, {
    message: 'A task cannot depend on itself.',
    path: ['successorId'],
  })
  .openapi('CreateDependencyRequest');

export const Dependency = z
  .object({
    id: z.string(),
    predecessorId: z.string(),
    successorId: z.string(),
    kind: z.enum(dependencyKinds),
    lagDays: z.number().int(),
    predecessorKey: z.string(),
    successorKey: z.string(),
    predecessorTitle: z.string(),
    successorTitle: z.string(),
    predecessorCategory: z.enum(categories),
    successorCategory: z.enum(categories),
  })
  .openapi('Dependency');
export const TaskDependencies = z
  .object({ predecessors: z.array(Dependency), successors: z.array(Dependency) })
  .openapi('TaskDependencies');

export const ShiftResult = z
  .object({
    moved: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        title: z.string(),
        days: z.number().int(),
        fromStart: z.string().nullable(),
        fromDue: z.string().nullable(),
        toStart: z.string().nullable(),
        toDue: z.string().nullable(),
      }),
    ),
    skipped: z
      .array(z.object({ id: z.string(), key: z.string(), reason: z.string() }))
      .openapi({ description: 'Dependents that should move but are in projects you cannot change' }),
  })
  .openapi('ShiftDependentsResult');

export const CreateCommentBody = z
  .strictObject({
    body: z.string().trim().min(1, 'Required.').max(10000).openapi({
      description: 'Mention a member as @[Their Name](their-user-id)',
    }),
  })
  .openapi('CreateCommentRequest');
export const Comment = z
  .object({
    id: z.string(),
    taskId: z.string(),
    authorId: z.string(),
    authorName: z.string().nullable(),
    body: z.string(),
    mentions: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('TaskComment');
export const CommentList = z.object({ items: z.array(Comment) }).openapi('TaskCommentList');

export const ActivityItem = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorName: z.string().nullable(),
    action: z.string(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .openapi('TaskActivityItem');
export const ActivityList = z.object({ items: z.array(ActivityItem) }).openapi('TaskActivity');

export type CreateTaskInput = z.output<typeof CreateTaskBody>;
export type UpdateTaskInput = z.output<typeof UpdateTaskBody>;
export type MoveTaskInput = z.output<typeof MoveTaskBody>;
export type TaskListFilter = z.output<typeof TaskListQuery>;
export type TaskDto = z.input<typeof Task>;
export type ProgressDto = z.input<typeof Progress>;
export type ChecklistEntryDto = z.input<typeof ChecklistEntry>;
export type CreateDependencyInput = z.output<typeof CreateDependencyBody>;
export type DependencyDto = z.input<typeof Dependency>;
