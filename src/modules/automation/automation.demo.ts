import type { DemoGenerator } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { actorOf, activeUsersInRole } from '../auth/index.js';
import type { FlowDefinitionValue } from './flows/definition.js';
import { createFlow, listFlows, publishFlow, runFlow } from './flows/flows.service.js';

const MILESTONE_FLOW = 'Milestone reached: approve the next phase';

/** The demo flows: who they run as (a role whose first active member is taken) and their definition. */
const FLOWS: { name: string; description: string; runAsRole: string; definition: FlowDefinitionValue }[] = [
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
 * Demo flows, published, each running as a demo person of the role it names (the Projects and CRM
 * demos make them): a milestone's next phase approved by a manager and kicked off as a Projects task;
 * a weekly stale-opportunities follow-up; a purchase request started by hand, with one run of it
 * waiting in the managers' approvals inbox. Through the services (validated, audited). Skipped when
 * the first flow exists or when the people are missing.
 */
export const automationDemo: DemoGenerator = {
  module: 'automation',
  async generate({ db, log }) {
    if ((await listFlows(db, { limit: 1, sort: 'name', q: MILESTONE_FLOW })).items.length > 0) {
      log('automation: demo flows already present; skipped');
      return;
    }
    let made = 0;
    for (const spec of FLOWS) {
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
      if (spec.definition.trigger.kind === 'manual')
        await runFlow(db, ctx, flow.id, { item: 'Two 4K monitors for the design team', amount: 1450 });
    }
    log(`automation: ${made} published demo flows (one purchase request waiting for a manager's approval)`);
  },
};
