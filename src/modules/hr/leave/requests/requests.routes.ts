import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../../platform/http/router.js';
import { IdParam } from '../../../../platform/http/schemas.js';
import { CalendarQuery, LeaveCalendar } from './calendar.schemas.js';
import { teamCalendar } from './calendar.service.js';
import { approveRequest, cancelRequest, rejectRequest } from './decisions.service.js';
import {
  ApprovalListQuery,
  CreateLeaveRequestBody,
  DecisionBody,
  LeavePreview,
  LeaveRequest,
  LeaveRequestListQuery,
  LeaveRequestPage,
  PreviewLeaveRequestBody,
  UpdateLeaveRequestBody,
  VersionBody,
} from './requests.schemas.js';
import { previewRequest } from './preview.service.js';
import * as service from './requests.service.js';

const tags = ['hr: leave'];

export function registerRequestRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/leave/requests',
      tags,
      summary: 'List leave requests: yours and your reports (hr:admin: everyone); mine=true for your own',
      request: { query: LeaveRequestListQuery },
      responses: { 200: { description: 'A page of requests', ...json(LeaveRequestPage) } },
    }),
    async (c) =>
      reply(c, LeaveRequestPage, await service.listRequests(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:write', {
      method: 'post',
      path: '/leave/requests',
      tags,
      summary: 'Request leave (for yourself; hr:admin for anyone), submitted unless submit=false',
      request: { body: { ...json(CreateLeaveRequestBody), required: true } },
      responses: { 201: { description: 'Created', ...json(LeaveRequest) } },
    }),
    async (c) => {
      const created = await service.createRequest(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/leave/requests/${created.id}`);
      return reply(c, LeaveRequest, created, 201);
    },
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'post',
      path: '/leave/requests/preview',
      tags,
      summary:
        'What a request would take, without saving it: working days, balance before and after, overlaps, problems',
      request: { body: { ...json(PreviewLeaveRequestBody), required: true } },
      responses: {
        200: { description: 'The preview (problems: what submitting would refuse)', ...json(LeavePreview) },
      },
    }),
    async (c) => reply(c, LeavePreview, await previewRequest(c.get('db'), requestContext(c), c.req.valid('json'))),
  );
  router.openapi(
    defineRoute('hr:approve', {
      method: 'get',
      path: '/leave/approvals',
      tags,
      summary: 'Submitted requests waiting for you: your direct reports (hr:admin: everyone but you)',
      request: { query: ApprovalListQuery },
      responses: { 200: { description: 'A page of requests', ...json(LeaveRequestPage) } },
    }),
    async (c) =>
      reply(c, LeaveRequestPage, await service.listApprovals(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/leave/calendar',
      tags,
      summary: 'Team calendar: leave of the people you see in full, and holidays (at most 92 days)',
      request: { query: CalendarQuery },
      responses: { 200: { description: 'Leave per person, and holidays', ...json(LeaveCalendar) } },
    }),
    async (c) => reply(c, LeaveCalendar, await teamCalendar(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('hr:read', {
      method: 'get',
      path: '/leave/requests/{id}',
      tags,
      summary: 'Get a leave request',
      request: { params: IdParam },
      responses: { 200: { description: 'The request', ...json(LeaveRequest) } },
    }),
    async (c) =>
      reply(c, LeaveRequest, await service.getRequest(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('hr:write', {
      method: 'patch',
      path: '/leave/requests/{id}',
      tags,
      summary: 'Change a draft request',
      request: { params: IdParam, body: { ...json(UpdateLeaveRequestBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(LeaveRequest) } },
    }),
    async (c) =>
      reply(
        c,
        LeaveRequest,
        await service.updateRequest(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('hr:write', {
      method: 'post',
      path: '/leave/requests/{id}/submit',
      tags,
      summary: 'Submit a draft (checks overlap and balance)',
      request: { params: IdParam, body: { ...json(VersionBody), required: true } },
      responses: { 200: { description: 'Submitted (or approved, for types without approval)', ...json(LeaveRequest) } },
    }),
    async (c) =>
      reply(
        c,
        LeaveRequest,
        await service.submitRequest(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json').version,
        ),
      ),
  );
  router.openapi(
    defineRoute('hr:approve', {
      method: 'post',
      path: '/leave/requests/{id}/approve',
      tags,
      summary: "Approve a report's submitted request (manager or hr:admin; optional comment)",
      request: { params: IdParam, body: { ...json(DecisionBody), required: true } },
      responses: { 200: { description: 'Approved', ...json(LeaveRequest) } },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return reply(
        c,
        LeaveRequest,
        await approveRequest(c.get('db'), requestContext(c), c.req.valid('param').id, body.version, body.comment),
      );
    },
  );
  router.openapi(
    defineRoute('hr:approve', {
      method: 'post',
      path: '/leave/requests/{id}/reject',
      tags,
      summary: "Reject a report's submitted request (comment required)",
      request: { params: IdParam, body: { ...json(DecisionBody), required: true } },
      responses: { 200: { description: 'Rejected', ...json(LeaveRequest) } },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return reply(
        c,
        LeaveRequest,
        await rejectRequest(c.get('db'), requestContext(c), c.req.valid('param').id, body.version, body.comment),
      );
    },
  );
  router.openapi(
    defineRoute('hr:write', {
      method: 'post',
      path: '/leave/requests/{id}/cancel',
      tags,
      summary: 'Cancel a request, giving the days back (requester: until it starts; hr:admin: any time)',
      request: { params: IdParam, body: { ...json(VersionBody), required: true } },
      responses: { 200: { description: 'Cancelled', ...json(LeaveRequest) } },
    }),
    async (c) =>
      reply(
        c,
        LeaveRequest,
        await cancelRequest(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );
}
