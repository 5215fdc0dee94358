import { defineRoute, json, reply, requestContext, type createRouter } from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { TaskListQuery, TaskPage } from '../tasks/tasks.schemas.js';
import {
  Board,
  BoardQuery,
  Gantt,
  GanttQuery,
  Portfolio,
  PortfolioQuery,
  ProjectProgress,
  Workload,
  WorkloadQuery,
} from './views.schemas.js';
import * as service from './views.service.js';

const tags = ['projects'];

export function registerViewRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/board',
      tags,
      summary: 'The kanban board: the workflow columns with their first cards by rank, counts and blocked flags',
      request: { params: IdParam, query: BoardQuery },
      responses: { 200: { description: 'The board', ...json(Board) } },
    }),
    async (c) =>
      reply(
        c,
        Board,
        await service.board(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/gantt',
      tags,
      summary: 'Gantt data: the dated tasks (with computed progress) and the dependency edges',
      request: { params: IdParam, query: GanttQuery },
      responses: { 200: { description: 'The Gantt data', ...json(Gantt) } },
    }),
    async (c) =>
      reply(
        c,
        Gantt,
        await service.gantt(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query')),
      ),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/progress',
      tags,
      summary: "The project's computed progress (estimate-weighted share of done leaf work, with counts)",
      request: { params: IdParam },
      responses: { 200: { description: 'The progress', ...json(ProjectProgress) } },
    }),
    async (c) =>
      reply(c, ProjectProgress, await service.rollup(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/my-tasks',
      tags,
      summary: 'Tasks assigned to you across your projects (the task list filters apply)',
      request: { query: TaskListQuery.omit({ assigneeId: true }) },
      responses: { 200: { description: 'A page of tasks', ...json(TaskPage) } },
    }),
    async (c) => reply(c, TaskPage, await service.myTasks(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/portfolio',
      tags,
      summary: 'Every project you see: status, progress, budget burn, overdue milestones (costs of those you manage)',
      request: { query: PortfolioQuery },
      responses: { 200: { description: 'The portfolio', ...json(Portfolio) } },
    }),
    async (c) => reply(c, Portfolio, await service.portfolio(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/workload',
      tags,
      summary: 'Planned hours per person per week across the projects you see (open tasks’ estimates)',
      request: { query: WorkloadQuery },
      responses: { 200: { description: 'The workload', ...json(Workload) } },
    }),
    async (c) => reply(c, Workload, await service.workload(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
}
