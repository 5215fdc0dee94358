import { z } from '@hono/zod-openapi';
import { isoDate, uuid } from '../../../platform/http/schemas.js';
import { Progress } from '../tasks/tasks.schemas.js';

const categories = ['todo', 'in_progress', 'done'] as const;

export const BoardQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Cards per column' }),
  assigneeId: uuid.optional(),
  label: z.string().max(50).optional(),
});
export const Card = z
  .object({
    id: z.string(),
    key: z.string(),
    title: z.string(),
    type: z.enum(['task', 'milestone', 'phase']),
    priority: z.enum(['low', 'medium', 'high', 'urgent']),
    dueDate: z.string().nullable(),
    estimateHours: z.string().nullable(),
    labels: z.array(z.string()),
    assigneeIds: z.array(z.string()),
    rank: z.string(),
    blocked: z.boolean().openapi({ description: 'Has an open blocker (moving it to start or finish is refused)' }),
    checklist: z
      .object({ done: z.number().int(), total: z.number().int() })
      .nullable()
      .openapi({ description: 'Ticked and all checklist items; null without a checklist' }),
    version: z.number().int(),
  })
  .openapi('BoardCard');
export const Board = z
  .object({
    projectId: z.string(),
    columns: z.array(
      z.object({
        statusId: z.string(),
        name: z.string(),
        category: z.enum(categories),
        count: z.number().int().openapi({ description: 'All tasks in the column (cards: the first `limit`)' }),
        cards: z.array(Card),
      }),
    ),
  })
  .openapi('Board');

export const GanttQuery = z.object({
  from: isoDate.optional().openapi({ description: 'Only tasks that end on or after this date' }),
  to: isoDate.optional().openapi({ description: 'Only tasks that start on or before this date' }),
});
export const Gantt = z
  .object({
    projectId: z.string(),
    tasks: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        title: z.string(),
        type: z.enum(['task', 'milestone', 'phase']),
        parentId: z.string().nullable(),
        startDate: z.string().nullable(),
        dueDate: z.string().nullable(),
        statusCategory: z.enum(categories),
        percent: z.number().nullable().openapi({ description: 'Computed progress (leaves: 0 or 100)' }),
        version: z.number().int(),
      }),
    ),
    dependencies: z.array(
      z.object({
        id: z.string(),
        predecessorId: z.string(),
        successorId: z.string(),
        kind: z.enum(['finish_to_start', 'start_to_start']),
        lagDays: z.number().int(),
        crossProject: z.boolean(),
      }),
    ),
  })
  .openapi('Gantt');

export const ProjectProgress = z.object({ projectId: z.string(), progress: Progress }).openapi('ProjectProgress');

export const PortfolioQuery = z.object({
  status: z.enum(['proposed', 'active', 'on_hold', 'completed', 'cancelled']).optional(),
  managerId: uuid.optional(),
});
export const Portfolio = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        name: z.string(),
        status: z.string(),
        billingMethod: z.string(),
        managerId: z.string(),
        startDate: z.string().nullable(),
        endDate: z.string().nullable(),
        progress: Progress,
        currency: z.string(),
        budgetHours: z.string().nullable(),
        actualHours: z.string(),
        hoursBurnPercent: z.number().nullable(),
        budgetAmount: z.string().nullable(),
        actualCost: z.string().nullable().openapi({ description: 'Only for projects you manage' }),
        costBurnPercent: z.number().nullable(),
        overdueMilestones: z.number().int(),
        openTasks: z.number().int(),
      }),
    ),
  })
  .openapi('Portfolio');

export const WorkloadQuery = z.object({
  from: isoDate.refine((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1, 'A week starts on a Monday.'),
  weeks: z.coerce.number().int().min(1).max(26).default(8),
  projectId: uuid.optional(),
  userId: uuid.optional(),
});
export const Workload = z
  .object({
    weeks: z.array(z.string()),
    people: z.array(
      z.object({
        userId: z.string(),
        name: z.string().nullable(),
        hours: z.array(z.string()).openapi({ description: 'Planned hours per week, in the order of weeks' }),
        total: z.string(),
      }),
    ),
  })
  .openapi('Workload');

export type BoardFilter = z.output<typeof BoardQuery>;
export type GanttFilter = z.output<typeof GanttQuery>;
export type PortfolioFilter = z.output<typeof PortfolioQuery>;
export type WorkloadFilter = z.output<typeof WorkloadQuery>;
