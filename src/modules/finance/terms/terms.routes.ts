import { today } from '../../../platform/dates.js';
import {
  defineRoute,
  json,
  reply,
  requestContext,
  setLocation,
  type createRouter,
} from '../../../platform/http/router.js';
import { DeleteQuery, IdParam } from '../../../platform/http/schemas.js';
import * as dunning from './dunning.service.js';
import { instalmentAging } from './instalment-aging.js';
import * as recurring from './recurring.service.js';
import {
  DunningLevel,
  DunningLevelInput,
  DunningLevelList,
  InstalmentAging,
  InstalmentAgingQuery,
  InstalmentSchedule,
  PaymentTerm,
  PaymentTermInput,
  PaymentTermList,
  ProposeBody,
  ProposeResult,
  RecurringTemplate,
  RecurringTemplateInput,
  RecurringTemplateList,
  Reminder,
  ReminderList,
  ReminderListQuery,
  RunRecurringBody,
  RunRecurringResult,
  SendReminderBody,
  UpdateDunningLevelBody,
  UpdatePaymentTermBody,
  UpdateRecurringTemplateBody,
} from './terms.schemas.js';
import * as terms from './terms.service.js';

const tags = ['finance payment terms'];

/** Payment terms and instalment schedules, reminders (dunning), recurring invoices and bills. */
export function registerTermsRoutes(router: ReturnType<typeof createRouter>) {
  registerPaymentTermRoutes(router);
  registerDunningRoutes(router);
  registerRecurringRoutes(router);
}

function registerPaymentTermRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/payment-terms',
      tags,
      summary: 'Payment terms (instalments and early-payment discount), by name',
      responses: { 200: { description: 'The terms', ...json(PaymentTermList) } },
    }),
    async (c) => reply(c, PaymentTermList, await terms.listPaymentTerms(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/payment-terms',
      tags,
      summary: 'Create a payment term (instalment percents sum to 100)',
      request: { body: { ...json(PaymentTermInput), required: true } },
      responses: { 201: { description: 'Created', ...json(PaymentTerm) }, 409: { description: 'Name taken' } },
    }),
    async (c) => {
      const term = await terms.createPaymentTerm(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/payment-terms/${term.id}`);
      return reply(c, PaymentTerm, term, 201);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/payment-terms/{id}',
      tags,
      summary: 'A payment term',
      request: { params: IdParam },
      responses: { 200: { description: 'The term', ...json(PaymentTerm) } },
    }),
    async (c) => reply(c, PaymentTerm, await terms.getPaymentTerm(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'put',
      path: '/payment-terms/{id}',
      tags,
      summary: 'Change a payment term (issued documents keep their schedules)',
      request: { params: IdParam, body: { ...json(UpdatePaymentTermBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(PaymentTerm) }, 409: { description: 'Stale version' } },
    }),
    async (c) =>
      reply(
        c,
        PaymentTerm,
        await terms.updatePaymentTerm(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/payment-terms/{id}',
      tags,
      summary: 'Delete a payment term no document uses',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' }, 409: { description: 'In use, or stale version' } },
    }),
    async (c) => {
      await terms.deletePaymentTerm(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  for (const [path, kind] of [
    ['invoices', 'invoice'],
    ['bills', 'bill'],
  ] as const) {
    router.openapi(
      defineRoute('finance:read', {
        method: 'get',
        path: `/${path}/{id}/instalments`,
        tags,
        summary: `The ${kind}'s instalment schedule with what is paid and open on each (oldest due first)`,
        request: { params: IdParam },
        responses: { 200: { description: 'The schedule', ...json(InstalmentSchedule) } },
      }),
      async (c) =>
        reply(c, InstalmentSchedule, await terms.documentSchedule(c.get('db'), kind, c.req.valid('param').id)),
    );
  }
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reports/aging/instalments',
      tags,
      summary: 'Receivables or payables aging by instalment at a date (each open instalment in its own bucket)',
      request: { query: InstalmentAgingQuery },
      responses: { 200: { description: 'The aging by instalment', ...json(InstalmentAging) } },
    }),
    async (c) => {
      const { side, date } = c.req.valid('query');
      return reply(c, InstalmentAging, await instalmentAging(c.get('db'), side, date ?? today()));
    },
  );
}

function registerDunningRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/dunning-levels',
      tags,
      summary: 'Reminder levels (delay after the due date, email text, fee) and the placeholders their texts take',
      responses: { 200: { description: 'The levels', ...json(DunningLevelList) } },
    }),
    async (c) => reply(c, DunningLevelList, await dunning.listDunningLevels(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'post',
      path: '/dunning-levels',
      tags,
      summary: 'Create a reminder level',
      request: { body: { ...json(DunningLevelInput), required: true } },
      responses: { 201: { description: 'Created', ...json(DunningLevel) }, 409: { description: 'Level taken' } },
    }),
    async (c) => {
      const level = await dunning.createDunningLevel(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/dunning-levels/${level.id}`);
      return reply(c, DunningLevel, level, 201);
    },
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'put',
      path: '/dunning-levels/{id}',
      tags,
      summary: 'Change a reminder level',
      request: { params: IdParam, body: { ...json(UpdateDunningLevelBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(DunningLevel) }, 409: { description: 'Stale version' } },
    }),
    async (c) =>
      reply(
        c,
        DunningLevel,
        await dunning.updateDunningLevel(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json')),
      ),
  );
  router.openapi(
    defineRoute('finance:admin', {
      method: 'delete',
      path: '/dunning-levels/{id}',
      tags,
      summary: 'Delete a reminder level no reminder uses',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' }, 409: { description: 'In use, or stale version' } },
    }),
    async (c) => {
      await dunning.deleteDunningLevel(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/reminders',
      tags,
      summary:
        'Reminders (proposed, sent, dismissed, superseded), newest proposals first; filter by status and invoice',
      request: { query: ReminderListQuery },
      responses: { 200: { description: 'The reminders', ...json(ReminderList) } },
    }),
    async (c) => reply(c, ReminderList, await dunning.listReminders(c.get('db'), c.req.valid('query'))),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/reminders/propose',
      tags,
      summary: 'Propose reminders for overdue invoices now (the daily job does it too; idempotent)',
      request: { body: { ...json(ProposeBody), required: false } },
      responses: { 200: { description: 'What was proposed', ...json(ProposeResult) } },
    }),
    async (c) =>
      reply(
        c,
        ProposeResult,
        await dunning.proposeReminders(c.get('db'), requestContext(c), c.req.valid('json')?.date),
      ),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/reminders/{id}/send',
      tags,
      summary: "Send a proposed reminder by email (issuing its level's fee as an invoice)",
      request: { params: IdParam, body: { ...json(SendReminderBody), required: false } },
      responses: {
        200: { description: 'Sent (the mail is queued)', ...json(Reminder) },
        409: { description: 'Not proposed' },
      },
    }),
    async (c) =>
      reply(
        c,
        Reminder,
        await dunning.sendReminder(c.get('db'), requestContext(c), c.req.valid('param').id, c.req.valid('json') ?? {}),
      ),
  );
  router.openapi(
    defineRoute('finance:write', {
      method: 'post',
      path: '/reminders/{id}/dismiss',
      tags,
      summary: 'Dismiss a proposed reminder',
      request: { params: IdParam },
      responses: { 200: { description: 'Dismissed', ...json(Reminder) }, 409: { description: 'Not proposed' } },
    }),
    async (c) =>
      reply(c, Reminder, await dunning.dismissReminder(c.get('db'), requestContext(c), c.req.valid('param').id)),
  );
}

function registerRecurringRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/recurring-templates',
      tags,
      summary: 'Recurring invoices and bills with their next run date and the periods issued',
      responses: { 200: { description: 'The templates', ...json(RecurringTemplateList) } },
    }),
    async (c) => reply(c, RecurringTemplateList, await recurring.listRecurringTemplates(c.get('db'))),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/recurring-templates',
      tags,
      summary: 'Create a recurring invoice or bill (its draft is checked as a draft would be)',
      request: { body: { ...json(RecurringTemplateInput), required: true } },
      responses: { 201: { description: 'Created', ...json(RecurringTemplate) } },
    }),
    async (c) => {
      const template = await recurring.createRecurringTemplate(c.get('db'), requestContext(c), c.req.valid('json'));
      setLocation(c, `/recurring-templates/${template.id}`);
      return reply(c, RecurringTemplate, template, 201);
    },
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'post',
      path: '/recurring-templates/run',
      tags,
      summary: 'Issue the recurring documents due up to a date now (the daily job does it too; idempotent per period)',
      request: { body: { ...json(RunRecurringBody), required: false } },
      responses: { 200: { description: 'What was issued', ...json(RunRecurringResult) } },
    }),
    async (c) =>
      reply(
        c,
        RunRecurringResult,
        await recurring.runRecurring(c.get('db'), requestContext(c), c.req.valid('json')?.date),
      ),
  );
  router.openapi(
    defineRoute('finance:read', {
      method: 'get',
      path: '/recurring-templates/{id}',
      tags,
      summary: 'A recurring invoice or bill',
      request: { params: IdParam },
      responses: { 200: { description: 'The template', ...json(RecurringTemplate) } },
    }),
    async (c) =>
      reply(c, RecurringTemplate, await recurring.getRecurringTemplate(c.get('db'), c.req.valid('param').id)),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'put',
      path: '/recurring-templates/{id}',
      tags,
      summary: 'Change a recurring invoice or bill (documents issued keep what they were issued with)',
      request: { params: IdParam, body: { ...json(UpdateRecurringTemplateBody), required: true } },
      responses: { 200: { description: 'Updated', ...json(RecurringTemplate) }, 409: { description: 'Stale version' } },
    }),
    async (c) =>
      reply(
        c,
        RecurringTemplate,
        await recurring.updateRecurringTemplate(
          c.get('db'),
          requestContext(c),
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
  );
  router.openapi(
    defineRoute('finance:approve', {
      method: 'delete',
      path: '/recurring-templates/{id}',
      tags,
      summary: 'Delete a recurring template that has issued nothing',
      request: { params: IdParam, query: DeleteQuery },
      responses: { 204: { description: 'Deleted' }, 409: { description: 'Has issued documents, or stale version' } },
    }),
    async (c) => {
      await recurring.deleteRecurringTemplate(
        c.get('db'),
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.body(null, 204);
    },
  );
}
