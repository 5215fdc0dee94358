import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import * as checklist from './checklist.service.js';
import * as dependencies from './dependencies.service.js';
import {
  ActivityList,
  AddChecklistItemBody,
  ChecklistEntry,
  ChecklistItemParams,
  ChecklistList,
  Comment,
  CommentList,
  CreateCommentBody,
  CreateDependencyBody,
  CreateTaskBody,
  Dependency,
  MoveTaskBody,
  ReorderChecklistBody,
  ShiftResult,
  Task,
  TaskDependencies,
  TaskListQuery,
  TaskPage,
  UpdateChecklistItemBody,
  UpdateTaskBody,
} from './tasks.schemas.js';
import * as service from './tasks.service.js';

const tags = ['projects'];

export function registerTaskRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/tasks',
      tags,
      summary: 'List tasks of the projects you can see, with filters',
      request: { query: TaskListQuery },
      responses: { 200: { description: 'A page of tasks', ...json(TaskPage) } },
    }),
    async (c) => reply(c, TaskPage, await service.listTasks(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/tasks',
      tags,
      summary: 'Create a task, milestone or phase in a project you work in',
      request: { body: { ...json(CreateTaskBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Task) } },
    }),
    async (c) => {
      const created = await service.createTask(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/tasks/${created.id}`);
      return reply(c, Task, created, 201);
    },
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/tasks/{id}',
      tags,
      summary: 'Get a task, with its computed progress when it has subtasks',
      request: { params: IdParam },
      responses: { 200: { description: 'The task', ...json(Task) } },
    }),
    async (c) => reply(c, Task, await service.getTask(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'patch',
      path: '/tasks/{id}',
      tags,
      summary: 'Change a task (a status change is refused with 409 task-blocked while a blocker is open)',
      request: { params: IdParam, body: { ...json(UpdateTaskBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Task) } },
    }),
    async (c) =>
      reply(
        c,
        Task,
        await service.updateTask(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/tasks/{id}/move',
      tags,
      summary: 'Board drag: move a task into a status column after another task (dependency-guarded)',
      request: { params: IdParam, body: { ...json(MoveTaskBody), required: true } },
      responses: { 200: { description: 'Moved', ...json(Task) } },
    }),
    async (c) =>
      reply(
        c,
        Task,
        await service.moveTask(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'delete',
      path: '/tasks/{id}',
      tags,
      summary: 'Delete a task and its subtasks (their logged time stays, without the task)',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteTask(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/tasks/{id}/comments',
      tags,
      summary: "A task's comments, oldest first",
      request: { params: IdParam },
      responses: { 200: { description: 'The comments', ...json(CommentList) } },
    }),
    async (c) =>
      reply(c, CommentList, await service.listComments(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'post',
      path: '/tasks/{id}/comments',
      tags,
      summary: 'Comment on a task; @[Name](user-id) mentions a project member',
      request: { params: IdParam, body: { ...json(CreateCommentBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Comment) } },
    }),
    async (c) =>
      reply(
        c,
        Comment,
        await service.addComment(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').body),
        201,
      ),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/tasks/{id}/activity',
      tags,
      summary: "A task's history from the audit log, newest first (field changes)",
      request: { params: IdParam },
      responses: { 200: { description: 'The activity', ...json(ActivityList) } },
    }),
    async (c) =>
      reply(c, ActivityList, await service.taskActivity(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/tasks/{id}/dependencies',
      tags,
      summary: "A task's predecessors and successors",
      request: { params: IdParam },
      responses: { 200: { description: 'The dependencies', ...json(TaskDependencies) } },
    }),
    async (c) =>
      reply(
        c,
        TaskDependencies,
        await dependencies.taskDependencies(c.get('db'), requestContext(c), c.req.valid('param').id),
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/tasks/{id}/shift-dependents',
      tags,
      summary: 'Move the tasks downstream of this one that now start too early; reports what moved',
      request: { params: IdParam },
      responses: { 200: { description: 'What moved', ...json(ShiftResult) } },
    }),
    async (c) =>
      reply(
        c,
        ShiftResult,
        await dependencies.shiftDependents(c.get('db'), requestContext(c), c.req.valid('param').id),
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/dependencies',
      tags,
      summary: 'Link two tasks (finish-to-start or start-to-start, across projects too); a cycle is a 409',
      request: { body: { ...json(CreateDependencyBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Dependency) } },
    }),
    async (c) =>
      reply(
        c,
        Dependency,
        await dependencies.createDependency(c.get('db'), requestContext(c), c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'delete',
      path: '/dependencies/{id}',
      tags,
      summary: 'Remove a dependency',
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      await dependencies.deleteDependency(c.get('db'), requestContext(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
}

export function registerChecklistRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/tasks/{id}/checklist',
      tags,
      summary: "Add an item to a task's checklist (at a position, default last)",
      request: { params: IdParam, body: { ...json(AddChecklistItemBody), required: true } },
      responses: { 201: { description: 'Added', ...json(ChecklistEntry) } },
    }),
    async (c) =>
      reply(
        c,
        ChecklistEntry,
        await checklist.addItem(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'patch',
      path: '/tasks/{id}/checklist/{itemId}',
      tags,
      summary: 'Change or tick/untick a checklist item (with its version)',
      request: { params: ChecklistItemParams, body: { ...json(UpdateChecklistItemBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(ChecklistEntry) } },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      return reply(
        c,
        ChecklistEntry,
        await checklist.updateItem(c.get('db'), requestContext(c), id, itemId, c.req.valid('json')),
      );
    },
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'delete',
      path: '/tasks/{id}/checklist/{itemId}',
      tags,
      summary: 'Remove a checklist item (with its version)',
      request: { params: ChecklistItemParams, query: DeleteQuery },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      const { id, itemId } = c.req.valid('param');
      await checklist.deleteItem(c.get('db'), requestContext(c), id, itemId, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'put',
      path: '/tasks/{id}/checklist/order',
      tags,
      summary: "Reorder a task's checklist (all item ids in the new order; 409 if items were added or removed)",
      request: { params: IdParam, body: { ...json(ReorderChecklistBody), required: true } },
      responses: { 200: { description: 'The checklist in its new order', ...json(ChecklistList) } },
    }),
    async (c) =>
      reply(
        c,
        ChecklistList,
        await checklist.reorder(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').itemIds),
      ),
  );
}
