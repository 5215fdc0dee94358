import { createRouter, defineRoute, json, reply, requestContext, setLocation } from '../../platform/http/router.js';
import { IdParam } from '../../platform/http/schemas.js';
import {
  ActionList,
  ApprovalInbox,
  Approval,
  CreateFlowBody,
  DecideBody,
  Execution,
  ExecutionDetail,
  ExecutionListQuery,
  ExecutionPage,
  Flow,
  FlowDetail,
  FlowListQuery,
  FlowPage,
  FlowVersion,
  InboxQuery,
  EventTypeList,
  PublishFlowBody,
  RecordTypeList,
  RetryBody,
  RunFlowBody,
  Started,
  TestRunBody,
  TestRunResult,
  UpdateFlowBody,
  VersionParam,
} from './automation.schemas.js';
import { automationCatalog } from './engine/catalog.js';
import { examplePayload } from './engine/examples.js';
import * as flows from './flows/flows.service.js';
import * as runs from './runs/runs.service.js';
import { registerVaultAndWebhookRoutes } from './webhooks/webhooks.routes.js';
import type { ModuleServices } from '../../platform/modules/module.js';

const tags = ['automation'];

/** The Automation module's routes, mounted at /api/v1/automation. */
export function createAutomationRouter(services?: Pick<ModuleServices, 'getSigningKey'>) {
  const router = createRouter();
  // The credentials vault, outbound webhooks and the inbound hook (webhooks/webhooks.routes.ts).
  registerVaultAndWebhookRoutes(router, services);

  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/actions',
      tags,
      summary: 'The module actions a flow may call',
      responses: { 200: { description: 'Actions', ...json(ActionList) } },
    }),
    async (c) => {
      const catalog = await automationCatalog();
      return reply(c, ActionList, {
        items: [...catalog.actionsByKey.values()].map((a) => ({
          key: a.key,
          label: a.label,
          description: a.description ?? null,
          permission: a.permission,
        })),
      });
    },
  );

  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/event-types',
      tags,
      summary: 'The event types a flow may be triggered by or wait for, each with an example payload',
      responses: { 200: { description: 'Event types', ...json(EventTypeList) } },
    }),
    async (c) => {
      const catalog = await automationCatalog();
      const types = [...catalog.eventTypesByName.values()].sort((x, y) => x.name.localeCompare(y.name));
      return reply(c, EventTypeList, {
        items: await Promise.all(
          types.map(async (e) => ({ name: e.name, example: examplePayload(await e.payload()) ?? null })),
        ),
      });
    },
  );

  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/record-types',
      tags,
      summary: "The record types a manual flow may be run from (a button on the record's page)",
      responses: { 200: { description: 'Record types', ...json(RecordTypeList) } },
    }),
    async (c) => {
      const catalog = await automationCatalog();
      return reply(c, RecordTypeList, {
        items: [...catalog.recordTypesByKey.values()].map((r) => ({ type: r.type, label: r.label })),
      });
    },
  );

  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/flows',
      tags,
      summary: 'Flows',
      request: { query: FlowListQuery },
      responses: { 200: { description: 'A page of flows', ...json(FlowPage) } },
    }),
    async (c) => reply(c, FlowPage, await flows.listFlows(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('automation:write', {
      method: 'post',
      path: '/flows',
      tags,
      summary: 'Create a flow (its draft; publish it to run it)',
      request: { body: { ...json(CreateFlowBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Flow) } },
    }),
    async (c) => {
      const created = await flows.createFlow(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/flows/${created.id}`);
      return reply(c, Flow, created, 201);
    },
  );
  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/flows/{id}',
      tags,
      summary: 'A flow with its draft and published versions',
      request: { params: IdParam },
      responses: { 200: { description: 'The flow', ...json(FlowDetail) } },
    }),
    async (c) => reply(c, FlowDetail, await flows.getFlow(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('automation:write', {
      method: 'patch',
      path: '/flows/{id}',
      tags,
      summary: "Change a flow's draft, name, run-as user or enabled state",
      request: { params: IdParam, body: { ...json(UpdateFlowBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Flow) } },
    }),
    async (c) =>
      reply(
        c,
        Flow,
        await flows.updateFlow(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('automation:write', {
      method: 'post',
      path: '/flows/{id}/publish',
      tags,
      summary: 'Publish the draft as the next version (running executions keep theirs)',
      request: { params: IdParam, body: { ...json(PublishFlowBody), required: true } },
      responses: { 200: { description: 'Published', ...json(Flow) } },
    }),
    async (c) =>
      reply(
        c,
        Flow,
        await flows.publishFlow(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json').version),
      ),
  );
  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/flows/{id}/versions/{version}',
      tags,
      summary: 'A published version',
      request: { params: VersionParam },
      responses: { 200: { description: 'The version', ...json(FlowVersion) } },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return reply(c, FlowVersion, await flows.getFlowVersion(c.get('db'), p.id, p.version));
    },
  );
  router.openapi(
    defineRoute('automation:write', {
      method: 'post',
      path: '/flows/{id}/run',
      tags,
      summary: 'Run a manually triggered flow with its form values (and the record it is run from)',
      request: { params: IdParam, body: { ...json(RunFlowBody), required: true } },
      responses: { 202: { description: 'Started', ...json(Started) } },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const started = await flows.runFlow(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        body.values,
        body.record,
      );
      setLocation(c, `/executions/${started.executionId}`);
      return c.json(Started.parse(started), 202);
    },
  );

  router.openapi(
    defineRoute('automation:write', {
      method: 'post',
      path: '/flows/{id}/test-run',
      tags,
      summary:
        'Test the draft with sample data: conditions, variables and loops run; actions, emails, HTTP and sub-flows are only described; nothing is kept',
      request: { params: IdParam, body: { ...json(TestRunBody), required: true } },
      responses: { 200: { description: "Each step's result", ...json(TestRunResult) } },
    }),
    async (c) =>
      reply(
        c,
        TestRunResult,
        await flows.testRunFlow(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );

  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/executions',
      tags,
      summary: 'Run history (newest first): runs of flows you run as or started; every run with automation:admin',
      request: { query: ExecutionListQuery },
      responses: { 200: { description: 'A page of runs', ...json(ExecutionPage) } },
    }),
    async (c) =>
      reply(c, ExecutionPage, await runs.listExecutions(c.get('db'), requestContext(c), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/executions/{id}',
      tags,
      summary: "A run with each step's input, output, status and error",
      request: { params: IdParam },
      responses: { 200: { description: 'The run', ...json(ExecutionDetail) } },
    }),
    async (c) =>
      reply(c, ExecutionDetail, await runs.getExecution(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('automation:write', {
      method: 'post',
      path: '/executions/{id}/retry',
      tags,
      summary: 'Retry a failed run from the start or from the failed step, on its version or the newest',
      request: { params: IdParam, body: { ...json(RetryBody), required: true } },
      responses: { 202: { description: 'The new run', ...json(Started) } },
    }),
    async (c) => {
      const started = await runs.retryExecution(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      setLocation(c, `/executions/${started.executionId}`);
      return c.json(Started.parse(started), 202);
    },
  );

  router.openapi(
    defineRoute('automation:write', {
      method: 'post',
      path: '/executions/{id}/cancel',
      tags,
      summary: 'Cancel a running or waiting run (its pending approvals too)',
      request: { params: IdParam },
      responses: { 200: { description: 'Cancelled', ...json(Execution) } },
    }),
    async (c) =>
      reply(c, Execution, await runs.cancelExecution(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );

  router.openapi(
    defineRoute('automation:read', {
      method: 'get',
      path: '/approvals',
      tags,
      summary: 'My approvals inbox: pending approvals assigned to me or to one of my roles',
      request: { query: InboxQuery },
      responses: { 200: { description: 'Pending approvals', ...json(ApprovalInbox) } },
    }),
    async (c) =>
      reply(c, ApprovalInbox, await runs.myApprovals(c.get('db'), requestContext(c), c.req.valid('query').limit)),
  );
  router.openapi(
    defineRoute('automation:read', {
      method: 'post',
      path: '/approvals/{id}/decide',
      tags,
      summary: "Approve or reject with the form's values: they reach the flow's next step",
      request: { params: IdParam, body: { ...json(DecideBody), required: true } },
      responses: { 200: { description: 'Decided', ...json(Approval) } },
    }),
    async (c) =>
      reply(
        c,
        Approval,
        await runs.decideApproval(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  return router;
}
