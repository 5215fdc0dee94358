import type { Db } from '../../platform/db/database.js';
import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { actorOf, activeUsersInRole, usersHolding } from '../auth/index.js';
import { listProjects, ProjectListQuery } from '../projects/index.js';
import type { FlowDefinitionValue } from './flows/definition.js';
import { createFlow, listFlows, publishFlow, runFlow } from './flows/flows.service.js';
import { webhookDemo } from './webhooks/webhooks.demo.js';
import { recordTypeOf } from './engine/catalog.js';

const MILESTONE_FLOW = 'Milestone reached: approve the next phase';
export const DEAL_WON_FLOW = 'Deal over 10,000 won: kick-off task and tell finance';
export const LONG_LEAVE_FLOW = 'Leave longer than 10 days needs HR approval too';

interface FlowSpec {
  name: string;
  description: string;
  /** A role whose first active member the flow runs as. */
  runAsRole: string;
  definition: FlowDefinitionValue;
}

/** What the demo data around the flows gives them: a project for kick-off tasks, finance's addresses. */
interface DemoLookups {
  kickoffProjectId: string | null;
  financeEmails: string[];
}

/** The event-triggered demo flows of issue #17, or null (with why) when the data they need is missing. */
function eventFlows(l: DemoLookups): (FlowSpec | string)[] {
  return [
    l.kickoffProjectId && l.financeEmails.length > 0
      ? {
          name: DEAL_WON_FLOW,
          description:
            'When a CRM opportunity over 10,000 is won, a kick-off task lands in the delivery project and ' +
            'finance is told by email (amount, currency, the task number).',
          runAsRole: 'project-manager',
          definition: {
            trigger: {
              kind: 'event',
              event: 'crm.opportunity.won',
              filter: '$number(trigger.payload.amount) > 10000',
            },
            steps: [
              {
                kind: 'action',
                id: 'kickoff',
                action: 'projects.create-task',
                input:
                  `{"projectId": ${JSON.stringify(l.kickoffProjectId)}, "title": "Kick off: " & ` +
                  'trigger.payload.name, "description": "Won for " & trigger.payload.amount & " " & ' +
                  'trigger.payload.currency & ".", "priority": "high"}',
              },
              {
                kind: 'email',
                id: 'finance',
                to: [JSON.stringify(l.financeEmails)],
                subject:
                  'Deal won: {{ trigger.payload.name }} ({{ trigger.payload.amount }} {{ trigger.payload.currency }})',
                body:
                  'The opportunity {{ trigger.payload.name }} was won for {{ trigger.payload.amount }} ' +
                  '{{ trigger.payload.currency }}. Kick-off task #{{ steps.kickoff.number }} was created; ' +
                  'please prepare the invoicing.',
              },
            ],
          },
        }
      : `automation: no project or no finance person for "${DEAL_WON_FLOW}"; skipped`,
    {
      name: LONG_LEAVE_FLOW,
      description: 'A leave request of more than 10 working days is also approved by HR, besides the manager.',
      runAsRole: 'hr-admin',
      definition: {
        trigger: {
          kind: 'event',
          event: 'hr.leave.requested',
          filter: 'trigger.payload.days > 10 and trigger.payload.status = "submitted"',
        },
        steps: [
          {
            kind: 'approval',
            id: 'hr',
            title: 'Long leave: HR approval',
            description: 'A leave request of more than 10 days. Approve it for HR (the manager decides in HR too).',
            assignee: { role: 'hr-admin' },
            form: [{ key: 'note', label: 'Note for the manager', type: 'text', required: false }],
          },
        ],
      },
    },
  ];
}

/**
 * The kick-off project: the first open project the first project manager manages; finance: the
 * addresses of (at most 5 of) those who hold `finance:approve`.
 */
async function lookups(db: Db): Promise<DemoLookups> {
  const [pm] = await activeUsersInRole(db, 'project-manager');
  const actor = pm ? await actorOf(db, pm) : null;
  const projects = actor
    ? await listProjects(db, { actor, requestId: 'demo' }, ProjectListQuery.parse({ managerId: pm, limit: 1 }))
    : null;
  const finance = await usersHolding(db, ['finance:approve']);
  return {
    kickoffProjectId: projects?.items[0]?.id ?? null,
    financeEmails: finance
      .map((u) => u.email)
      .sort()
      .slice(0, 5),
  };
}

/** The demo flows: who they run as (a role whose first active member is taken) and their definition. */
const FLOWS: FlowSpec[] = [
  {
    name: MILESTONE_FLOW,
    description:
      "When a project's milestone is reached, a manager approves the next phase's budget; once approved, " +
      'a high-priority kick-off task lands in the project with the budget and the comment.',
    runAsRole: 'project-manager',
    definition: {
      trigger: { kind: 'event', event: 'projects.milestone.reached' },
      steps: [
        {
          kind: 'approval',
          id: 'approve',
          title: 'Approve the next phase',
          description: 'A milestone was reached. Approve the next phase and set its budget.',
          assignee: { role: 'manager' },
          form: [
            { key: 'budget', label: 'Budget (EUR)', type: 'number', required: true },
            { key: 'startDate', label: 'Start on', type: 'date', required: false },
          ],
        },
        {
          kind: 'condition',
          id: 'approved',
          cases: [{ when: 'steps.approve.decision = "approved"', goto: 'kickoff' }],
          otherwise: 'end',
        },
        {
          kind: 'action',
          id: 'kickoff',
          action: 'projects.create-task',
          input:
            '{"projectId": trigger.payload.projectId, "title": "Kick off the next phase (budget " & ' +
            '$string(steps.approve.values.budget) & " EUR)", "description": steps.approve.comment ? ' +
            'steps.approve.comment : "", "priority": "high"}',
        },
      ],
    },
  },
  {
    name: 'Weekly: follow up stale opportunities',
    description:
      'Every Monday at 08:00 (Berlin) the sales managers are asked to remind the owners of opportunities ' +
      'without activity for 30 days, and to record how many they reminded.',
    runAsRole: 'sales-manager',
    definition: {
      trigger: { kind: 'schedule', cron: '0 8 * * 1', timeZone: 'Europe/Berlin' },
      steps: [
        {
          kind: 'set',
          id: 'since',
          variables: { cutoff: '$substring($fromMillis($toMillis($now()) - 30 * 86400000), 0, 10)' },
        },
        {
          kind: 'approval',
          id: 'review',
          title: 'Follow up stale opportunities',
          description:
            'Open CRM → Opportunities, sort by last activity, and remind the owners of those untouched for 30 days.',
          assignee: { role: 'sales-manager' },
          form: [
            { key: 'reminded', label: 'Owners reminded', type: 'number', required: true },
            { key: 'notes', label: 'Notes', type: 'text', required: false },
          ],
        },
      ],
    },
  },
  {
    name: 'Log a follow-up on an organization',
    description:
      "Run from an organization's page (Run flow): records a follow-up note on it, with an error branch " +
      'that records why when the note cannot be made.',
    runAsRole: 'sales-manager',
    definition: {
      trigger: {
        kind: 'manual',
        record: recordTypeOf('crm', 'organization'),
        form: [{ key: 'topic', label: 'What to follow up', type: 'text', required: true }],
      },
      steps: [
        {
          kind: 'action',
          id: 'note',
          action: 'crm.create-activity',
          input:
            '{"type": "note", "subject": "Follow up: " & trigger.values.topic, "organizationId": trigger.record.id}',
          onError: 'why',
          next: 'end',
        },
        { kind: 'set', id: 'why', variables: { failed: 'error.message' } },
      ],
    },
  },
  {
    name: 'Purchase request',
    description:
      'Started by hand with the item and the amount; above 1,000 EUR a manager approves it (and may lower it).',
    runAsRole: 'project-manager',
    definition: {
      trigger: {
        kind: 'manual',
        form: [
          { key: 'item', label: 'What to buy', type: 'text', required: true },
          { key: 'amount', label: 'Amount (EUR)', type: 'number', required: true },
          { key: 'neededBy', label: 'Needed by', type: 'date', required: false },
        ],
      },
      steps: [
        {
          kind: 'condition',
          id: 'large',
          cases: [{ when: 'trigger.values.amount > 1000', goto: 'approve' }],
          otherwise: 'approved',
        },
        {
          kind: 'approval',
          id: 'approve',
          title: 'Purchase request over 1,000 EUR',
          description: 'Approve the purchase; lower the amount if need be.',
          assignee: { role: 'manager' },
          form: [{ key: 'approvedAmount', label: 'Approved amount (EUR)', type: 'number', required: true }],
        },
        {
          kind: 'set',
          id: 'approved',
          variables: {
            amount: 'steps.approve ? steps.approve.values.approvedAmount : trigger.values.amount',
            status: 'steps.approve and steps.approve.decision = "rejected" ? "rejected" : "approved"',
          },
        },
      ],
    },
  },
];

/**
 * Demo flows, published, each running as a demo person of the role it names (the Projects, CRM and
 * HR demos make them): a milestone's next phase approved by a manager and kicked off as a Projects task;
 * a weekly stale-opportunities follow-up; a purchase request started by hand, with one run of it
 * waiting in the managers' approvals inbox; a follow-up note run from an organization's page; a deal over 10,000 won kicked off as a Projects task with
 * finance told by email; leave longer than 10 days approved by HR too. Then the webhook demo (a
 * disabled endpoint for won deals). Through the services (validated, audited). Skipped when
 * the first flow exists or when the people are missing.
 */
const PURCHASE_FLOW = 'Purchase request';

export const automationDemo: DemoGenerator = {
  module: 'automation',
  async generate({ db, log }) {
    await webhookDemo(db, log);
    if ((await listFlows(db, { limit: 1, sort: 'name', q: MILESTONE_FLOW })).items.length > 0) {
      log('automation: demo flows already present; skipped');
      return;
    }
    let made = 0;
    const specs: FlowSpec[] = [...FLOWS];
    for (const spec of eventFlows(await lookups(db)))
      if (typeof spec === 'string') log(spec);
      else specs.push(spec);
    for (const spec of specs) {
      const [userId] = await activeUsersInRole(db, spec.runAsRole);
      const actor = userId ? await actorOf(db, userId) : null;
      if (!actor) {
        log(`automation: no ${spec.runAsRole} to run "${spec.name}" as; skipped`);
        continue;
      }
      const ctx: RequestContext = { actor, requestId: 'demo' };
      const flow = await createFlow(db, ctx, {
        name: spec.name,
        description: spec.description,
        definition: spec.definition,
      });
      await publishFlow(db, ctx, flow.id, flow.version);
      made++;
      if (spec.name === PURCHASE_FLOW)
        await runFlow(db, ctx, flow.id, { item: 'Two 4K monitors for the design team', amount: 1450 });
    }
    log(`automation: ${made} published demo flows (one purchase request waiting for a manager's approval)`);
  },
};
