import { defineModule } from '../types';

/** Analytics: saved questions over every module's datasets, the question builder, dashboards, sharing, exports, subscriptions. */
export const analyticsModule = defineModule({
  id: 'analytics',
  label: 'Analytics',
  icon: '▥',
  permissionPrefix: 'analytics',
  basePath: '/analytics',
  shortcut: 'y',
  routes: [
    { path: '/', load: () => import('./QuestionsPage') },
    { path: 'questions/new', load: () => import('./QuestionBuilderPage'), permission: 'analytics:write' },
    { path: 'questions/$id', load: () => import('./QuestionBuilderPage') },
    { path: 'questions/$id/sharing', load: () => import('./SharingPage'), permission: 'analytics:write' },
    { path: 'dashboards', load: () => import('./DashboardsPage') },
    { path: 'dashboards/$id', load: () => import('./DashboardPage') },
    { path: 'dashboards/$id/sharing', load: () => import('./SharingPage'), permission: 'analytics:write' },
    { path: 'subscriptions', load: () => import('./SubscriptionsPage') },
  ],
  nav: [
    { label: 'Questions', to: '/analytics', permission: 'analytics:read' },
    { label: 'New question', to: '/analytics/questions/new', permission: 'analytics:write' },
    { label: 'Dashboards', to: '/analytics/dashboards', permission: 'analytics:read' },
    { label: 'Subscriptions', to: '/analytics/subscriptions', permission: 'analytics:read' },
  ],
});
