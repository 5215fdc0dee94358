import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { IdParam } from '../../../platform/http/schemas.js';
import { evaluateKeyResult, snapshotHistory } from '../evaluation/evaluation.service.js';
import {
  CheckIn,
  CheckInList,
  CreateCheckInBody,
  CreateKeyResultBody,
  CreateObjectiveBody,
  KeyResult,
  Objective,
  ObjectiveList,
  ObjectiveListQuery,
  Snapshot,
  SnapshotList,
  UpdateKeyResultBody,
  UpdateObjectiveBody,
} from './okr.schemas.js';
import * as keyResults from './key-results.service.js';
import * as objectives from './objectives.service.js';

const tags = ['strategy'];

export function registerObjectiveRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/objectives',
      tags,
      summary: "A cycle's objectives with their computed progress and key results (the alignment tree, flat)",
      request: { query: ObjectiveListQuery },
      responses: { 200: { description: 'Objectives', ...json(ObjectiveList) } },
    }),
    async (c) =>
      reply(c, ObjectiveList, {
        items: await objectives.listObjectives(c.get('db'), requestContext(c), c.req.valid('query')),
      }),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'post',
      path: '/objectives',
      tags,
      summary: 'Create an objective (yours; company level and other owners need strategy:admin)',
      request: { body: { ...json(CreateObjectiveBody), required: true } },
      responses: { 201: { description: 'Created', ...json(Objective) } },
    }),
    async (c) => {
      const created = await objectives.createObjective(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/objectives/${created.id}`);
      return reply(c, Objective, created, 201);
    },
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/objectives/{id}',
      tags,
      summary: 'An objective with its progress and key results',
      request: { params: IdParam },
      responses: { 200: { description: 'The objective', ...json(Objective) } },
    }),
    async (c) =>
      reply(c, Objective, await objectives.objectiveOf(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'patch',
      path: '/objectives/{id}',
      tags,
      summary: 'Change an objective (its owner or a strategy administrator; 409 cycle-closed)',
      request: { params: IdParam, body: { ...json(UpdateObjectiveBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(Objective) } },
    }),
    async (c) =>
      reply(
        c,
        Objective,
        await objectives.updateObjective(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'post',
      path: '/objectives/{id}/key-results',
      tags,
      summary: 'Add a key result: numeric, percentage, boolean, or bound to a registered metric',
      request: { params: IdParam, body: { ...json(CreateKeyResultBody), required: true } },
      responses: { 201: { description: 'Created', ...json(KeyResult) } },
    }),
    async (c) => {
      const created = await keyResults.createKeyResult(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      setLocation(c, `/key-results/${created.id}`);
      return reply(c, KeyResult, created, 201);
    },
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/key-results/{id}',
      tags,
      summary: "A key result (a metric-bound one's value only with the metric's permission)",
      request: { params: IdParam },
      responses: { 200: { description: 'The key result', ...json(KeyResult) } },
    }),
    async (c) =>
      reply(c, KeyResult, await keyResults.keyResultOf(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'patch',
      path: '/key-results/{id}',
      tags,
      summary: 'Change a key result (the current value of manual ones only)',
      request: { params: IdParam, body: { ...json(UpdateKeyResultBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(KeyResult) } },
    }),
    async (c) =>
      reply(
        c,
        KeyResult,
        await keyResults.updateKeyResult(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'post',
      path: '/key-results/{id}/evaluate',
      tags,
      summary: 'Evaluate a metric-bound key result now: a new immutable snapshot (value, progress, as-of)',
      request: { params: IdParam },
      responses: { 201: { description: 'The snapshot', ...json(Snapshot) } },
    }),
    async (c) =>
      reply(
        c,
        Snapshot,
        await evaluateKeyResult(c.get('db'), requestContext(c), c.req.valid('param').id, 'on-demand'),
        201,
      ),
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/key-results/{id}/snapshots',
      tags,
      summary: "A key result's evaluation history, oldest first (values only with the metric's permission)",
      request: { params: IdParam },
      responses: { 200: { description: 'Snapshots', ...json(SnapshotList) } },
    }),
    async (c) => reply(c, SnapshotList, await snapshotHistory(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('strategy:write', {
      method: 'post',
      path: '/key-results/{id}/check-ins',
      tags,
      summary: "Check in: confidence, comment, and a manual key result's new value",
      request: { params: IdParam, body: { ...json(CreateCheckInBody), required: true } },
      responses: { 201: { description: 'Recorded', ...json(CheckIn) } },
    }),
    async (c) =>
      reply(
        c,
        CheckIn,
        await keyResults.checkIn(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  router.openapi(
    defineRoute('strategy:read', {
      method: 'get',
      path: '/key-results/{id}/check-ins',
      tags,
      summary: "A key result's check-ins, latest first",
      request: { params: IdParam },
      responses: { 200: { description: 'Check-ins', ...json(CheckInList) } },
    }),
    async (c) =>
      reply(c, CheckInList, {
        items: await keyResults.listCheckIns(c.get('db'), requestContext(c), c.req.valid('param').id),
      }),
  );
}
