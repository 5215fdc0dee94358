import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import {
  CreateProjectBody,
  MemberList,
  MemberParam,
  Project,
  ProjectListQuery,
  ProjectPage,
  PutMemberBody,
  PutWorkflowBody,
  UpdateProjectBody,
  VersionBody,
  Workflow,
} from './project.schemas.js';
import * as service from './project.service.js';

const tags = ['projects'];

export function registerProjectRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects',
      tags,
      summary: 'List the projects you can see (not archived unless archived=true)',
      request: { query: ProjectListQuery },
      responses: { 200: { description: 'A page of projects', ...json(ProjectPage) } },
    }),
    async (c) =>
      reply(c, ProjectPage, await service.listProjects(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/projects',
      tags,
      summary: 'Create a project (you manage it unless an administrator names another manager)',
      request: { body: { ...json(CreateProjectBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Project) } },
    }),
    async (c) => {
      const created = await service.createProject(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/projects/${created.id}`);
      return reply(c, Project, created, 201);
    },
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}',
      tags,
      summary: 'Get a project',
      request: { params: IdParam },
      responses: { 200: { description: 'The project', ...json(Project) } },
    }),
    async (c) => reply(c, Project, await service.getProject(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'patch',
      path: '/projects/{id}',
      tags,
      summary: 'Change a project, its status included (its manager or an administrator)',
      request: { params: IdParam, body: { ...json(UpdateProjectBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Project) } },
    }),
    async (c) =>
      reply(
        c,
        Project,
        await service.updateProject(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  for (const [path, archived] of [
    ['/projects/{id}/archive', true],
    ['/projects/{id}/unarchive', false],
  ] as const) {
    router.openapi(
      defineRoute('projects:write', {
        method: 'post',
        path,
        tags,
        summary: archived ? 'Archive a project (read-only, history kept)' : 'Unarchive a project',
        request: { params: IdParam, body: { ...json(VersionBody), required: true } },
        responses: { 200: { description: 'The project', ...json(Project) } },
      }),
      async (c) =>
        reply(
          c,
          Project,
          await service.setArchived(
            c.get('db'),
            requestContext(c),
            c.req.valid('param').id,
            c.req.valid('json').version,
            archived,
          ),
        ),
    );
  }
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/members',
      tags,
      summary: "A project's members and their project roles (rates only for its managers)",
      request: { params: IdParam },
      responses: { 200: { description: 'The members', ...json(MemberList) } },
    }),
    async (c) =>
      reply(c, MemberList, await service.listMembers(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'put',
      path: '/projects/{id}/members/{userId}',
      tags,
      summary: 'Add a member or change their project role and rates (the project manager)',
      request: { params: MemberParam, body: { ...json(PutMemberBody), required: true } },
      responses: { 200: { description: 'The members', ...json(MemberList) } },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      return reply(
        c,
        MemberList,
        await service.putMember(c.get('db'), requestContext(c), id, userId, c.req.valid('json')),
      );
    },
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'delete',
      path: '/projects/{id}/members/{userId}',
      tags,
      summary: 'Remove a member (the project manager)',
      request: { params: MemberParam },
      responses: { 204: { description: 'Removed' } },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await service.removeMember(c.get('db'), requestContext(c), id, userId);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/statuses',
      tags,
      summary: "The project's ordered task workflow (statuses with their category)",
      request: { params: IdParam },
      responses: { 200: { description: 'The workflow', ...json(Workflow) } },
    }),
    async (c) => reply(c, Workflow, await service.getWorkflow(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'put',
      path: '/projects/{id}/statuses',
      tags,
      summary: 'Replace the workflow: keep (by id), add and reorder statuses; a removed status must have no tasks',
      request: { params: IdParam, body: { ...json(PutWorkflowBody), required: true } },
      responses: { 200: { description: 'The workflow', ...json(Workflow) } },
    }),
    async (c) =>
      reply(
        c,
        Workflow,
        await service.putWorkflow(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
}
