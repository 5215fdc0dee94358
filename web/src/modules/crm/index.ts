import { api, unwrap } from '../../api/client';
import { defineModule, type SearchResult } from '../types';

const KIND_PATH = {
  organization: 'organizations',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
} as const;

/** CRM: organizations, contacts, leads, opportunities (board, forecast), activities, CSV import. */
export const crmModule = defineModule({
  id: 'crm',
  label: 'CRM',
  icon: '◎',
  permissionPrefix: 'crm',
  basePath: '/crm',
  shortcut: 'c',
  routes: [
    { path: '/', load: () => import('./CrmHome') },
    { path: 'organizations', load: () => import('./organizations/OrganizationsPage') },
    { path: 'organizations/new', load: () => import('./organizations/OrganizationNewPage'), permission: 'crm:write' },
    { path: 'organizations/$id', load: () => import('./organizations/OrganizationPage') },
    { path: 'contacts', load: () => import('./contacts/ContactsPage') },
    { path: 'contacts/new', load: () => import('./contacts/ContactNewPage'), permission: 'crm:write' },
    { path: 'contacts/$id', load: () => import('./contacts/ContactPage') },
    { path: 'leads', load: () => import('./leads/LeadsPage') },
    { path: 'leads/new', load: () => import('./leads/LeadNewPage'), permission: 'crm:write' },
    { path: 'leads/$id', load: () => import('./leads/LeadPage') },
    { path: 'opportunities', load: () => import('./opportunities/OpportunitiesPage') },
    { path: 'opportunities/new', load: () => import('./opportunities/OpportunityNewPage'), permission: 'crm:write' },
    { path: 'opportunities/$id', load: () => import('./opportunities/OpportunityPage') },
    { path: 'board', load: () => import('./pipeline/BoardPage') },
    { path: 'forecast', load: () => import('./forecast/ForecastPage') },
    { path: 'import', load: () => import('./import/ImportPage'), permission: 'crm:write' },
  ],
  nav: [
    { label: 'Overview', to: '/crm' },
    { label: 'Organizations', to: '/crm/organizations', permission: 'crm:read' },
    { label: 'Contacts', to: '/crm/contacts', permission: 'crm:read' },
    { label: 'Leads', to: '/crm/leads', permission: 'crm:read' },
    { label: 'Opportunities', to: '/crm/opportunities', permission: 'crm:read' },
    { label: 'Pipeline board', to: '/crm/board', permission: 'crm:read' },
    { label: 'Forecast', to: '/crm/forecast', permission: 'crm:read' },
  ],
  widgets: [
    {
      id: 'crm-pipeline',
      title: 'Sales pipeline',
      load: () => import('./widgets/PipelineWidget'),
      permission: 'crm:read',
    },
  ],
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
          to: `/crm/${KIND_PATH[hit.kind]}/${hit.id}`,
        }));
      },
    },
  ],
});
