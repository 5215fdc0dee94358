import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import { projectBudget } from './budget.service.js';
import { invoicePeriod, listInvoices } from './invoicing.service.js';
import {
  Budget,
  CreateInvoiceBody,
  CreateTimeEntryBody,
  DecideTimesheetBody,
  ProjectInvoice,
  ProjectInvoiceList,
  SubmitTimesheetBody,
  TimeEntry,
  TimeEntryListQuery,
  TimeEntryPage,
  TimesheetListQuery,
  TimesheetPage,
  TimesheetWithEntries,
  UpdateTimeEntryBody,
} from './time.schemas.js';
import * as service from './time.service.js';

const tags = ['projects'];

export function registerTimeRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/time-entries',
      tags,
      summary: 'Time entries: yours, and all of the projects you manage',
      request: { query: TimeEntryListQuery },
      responses: { 200: { description: 'A page of time entries', ...json(TimeEntryPage) } },
    }),
    async (c) =>
      reply(c, TimeEntryPage, await service.listEntries(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/time-entries',
      tags,
      summary: 'Log time on a task or project (409 timesheet-locked in a submitted or approved week)',
      request: { body: { ...json(CreateTimeEntryBody), required: true } },
      responses: { 201: { description: 'Created', ...json(TimeEntry) } },
    }),
    async (c) => {
      const created = await service.createEntry(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/time-entries/${created.id}`);
      return reply(c, TimeEntry, created, 201);
    },
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'patch',
      path: '/time-entries/{id}',
      tags,
      summary: 'Change a time entry of an open week',
      request: { params: IdParam, body: { ...json(UpdateTimeEntryBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(TimeEntry) } },
    }),
    async (c) =>
      reply(
        c,
        TimeEntry,
        await service.updateEntry(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'delete',
      path: '/time-entries/{id}',
      tags,
      summary: 'Delete a time entry of an open week',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' } },
    }),
    async (c) => {
      await service.deleteEntry(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('query').version);
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/timesheets',
      tags,
      summary: 'Weekly timesheets: yours and those of the projects you manage (toApprove=true: waiting for you)',
      request: { query: TimesheetListQuery },
      responses: { 200: { description: 'A page of timesheets', ...json(TimesheetPage) } },
    }),
    async (c) =>
      reply(c, TimesheetPage, await service.listSheets(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/timesheets/submit',
      tags,
      summary: 'Submit your week of a project for approval (locks its entries)',
      request: { body: { ...json(SubmitTimesheetBody), required: true } },
      responses: { 200: { description: 'The submitted timesheet', ...json(TimesheetWithEntries) } },
    }),
    async (c) => {
      const { projectId, weekStart } = c.req.valid('json');
      return reply(
        c,
        TimesheetWithEntries,
        await service.submitSheet(c.get('db'), requestContext(c), projectId, weekStart),
      );
    },
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/timesheets/{id}',
      tags,
      summary: 'A timesheet with its entries',
      request: { params: IdParam },
      responses: { 200: { description: 'The timesheet', ...json(TimesheetWithEntries) } },
    }),
    async (c) =>
      reply(c, TimesheetWithEntries, await service.getSheet(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  for (const [path, decision] of [
    ['/timesheets/{id}/approve', 'approved'],
    ['/timesheets/{id}/reject', 'rejected'],
  ] as const) {
    router.openapi(
      defineRoute('projects:write', {
        method: 'post',
        path,
        tags,
        summary:
          decision === 'approved'
            ? "Approve a submitted week (the project's manager; not your own)"
            : 'Reject a submitted week with a comment (reopens it)',
        request: { params: IdParam, body: { ...json(DecideTimesheetBody), required: true } },
        responses: { 200: { description: 'The timesheet', ...json(TimesheetWithEntries) } },
      }),
      async (c) =>
        reply(
          c,
          TimesheetWithEntries,
          await service.decideSheet(
            c.get('db'),
            requestContext(c),
            c.req.valid('param').id,
            c.req.valid('json'),
            decision,
          ),
        ),
    );
  }
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/invoices',
      tags,
      summary: "The project's invoiced periods",
      request: { params: IdParam },
      responses: { 200: { description: 'The invoiced periods', ...json(ProjectInvoiceList) } },
    }),
    async (c) =>
      reply(c, ProjectInvoiceList, await listInvoices(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('projects:write', {
      method: 'post',
      path: '/projects/{id}/invoices',
      tags,
      summary: "Invoice a period's approved billable time as a draft invoice in Finance (T&M projects, their manager)",
      request: { params: IdParam, body: { ...json(CreateInvoiceBody), required: true } },
      responses: { 201: { description: 'Invoiced', ...json(ProjectInvoice) } },
    }),
    async (c) =>
      reply(
        c,
        ProjectInvoice,
        await invoicePeriod(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('projects:read', {
      method: 'get',
      path: '/projects/{id}/budget',
      tags,
      summary: 'Budget against actual hours and money, for the project and its phases (its managers)',
      request: { params: IdParam },
      responses: { 200: { description: 'The budget', ...json(Budget) } },
    }),
    async (c) => reply(c, Budget, await projectBudget(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
}
