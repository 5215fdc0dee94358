import { createElement, lazy, Suspense } from 'react';
import { api, unwrap } from '../../api/client';
import { defineModule } from '../types';

const LazyRunFlowButton = lazy(() => import('./RunFlowButton'));

/**
 * "Run flow" for a record's page (other modules' screens import it from here): the published manual
 * flows for the record's type, each run with `trigger.record = { type, id }`. Loaded on first use; shows
 * nothing while loading, without automation:write, or when no flow is for the type.
 */
export function RunFlowButton(props: { record: { type: string; id: string } }) {
  return createElement(Suspense, { fallback: null }, createElement(LazyRunFlowButton, props));
}

/**
 * Automation: flows (trigger, steps, versions), their runs, the approvals inbox (with a count in the nav),
 * outbound webhooks and the credentials vault.
 */
export const automationModule = defineModule({
  id: 'automation',
  label: 'Automation',
  icon: '⟳',
  permissionPrefix: 'automation',
  basePath: '/automation',
  shortcut: 'w',
  routes: [
    { path: '/', load: () => import('./FlowsPage') },
    { path: 'flows/new', load: () => import('./FlowEditorPage'), permission: 'automation:write' },
    { path: 'flows/$id', load: () => import('./FlowEditorPage') },
    { path: 'runs', load: () => import('./RunsPage') },
    { path: 'runs/$id', load: () => import('./RunPage') },
    { path: 'approvals', load: () => import('./ApprovalsPage') },
    { path: 'webhooks', load: () => import('./WebhooksPage'), permission: 'automation:admin' },
    { path: 'webhooks/$id', load: () => import('./WebhookPage'), permission: 'automation:admin' },
    { path: 'credentials', load: () => import('./CredentialsPage'), permission: 'automation:write' },
  ],
  nav: [
    { label: 'Flows', to: '/automation', permission: 'automation:read' },
    { label: 'Runs', to: '/automation/runs', permission: 'automation:read' },
    {
      label: 'Approvals inbox',
      to: '/automation/approvals',
      permission: 'automation:read',
      badge: {
        // Under autoKeys.approvals (api.ts): deciding an approval refreshes it.
        queryKey: ['automation', 'approvals', 'count'],
        count: async (signal) =>
          (await unwrap(api.GET('/api/v1/automation/approvals', { params: { query: { limit: 100 } }, signal }))).count,
        describe: (n) => `${n} pending`,
      },
    },
    { label: 'Webhooks', to: '/automation/webhooks', permission: 'automation:admin' },
    { label: 'Credentials', to: '/automation/credentials', permission: 'automation:admin' },
  ],
});
