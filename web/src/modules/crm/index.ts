import { api, unwrap } from '../../api/client';
import { defineModule, type SearchResult } from '../types';

/** CRM — placeholder: the CRM screens replace the coming-soon page (and point search hits at their pages). */
export const crmModule = defineModule({
  id: 'crm',
  label: 'CRM',
  icon: '◎',
  permissionPrefix: 'crm',
  basePath: '/crm',
  routes: [{ path: '/', load: () => import('./CrmHome') }],
  nav: [{ label: 'Overview', to: '/crm' }],
  searchProviders: [
    {
      id: 'crm',
      label: 'CRM',
      permission: 'crm:read',
      search: async (q, signal) => {
        const { items } = await unwrap(api.GET('/api/v1/crm/search', { params: { query: { q, limit: 8 } }, signal }));
        return items.map((hit): SearchResult => ({
          id: `${hit.kind}:${hit.id}`,
          title: hit.title,
          subtitle: hit.subtitle ? `${hit.kind} · ${hit.subtitle}` : hit.kind,
          // Replace with the record's page once it exists, e.g. `/crm/${hit.kind}s/${hit.id}`.
          to: '/crm',
        }));
      },
    },
  ],
});
