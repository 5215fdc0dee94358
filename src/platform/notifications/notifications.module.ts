import { defineModule } from '../modules/module.js';

/**
 * In-app notifications (`/api/v1/notifications`): part of the platform, mounted like a module. Any
 * module tells people with `notify(trx, userIds, …)` in the transaction of the change (approvals
 * waiting, mentions, finished jobs); each person reads and marks their own. No permissions of its own.
 */
export const notificationsModule = defineModule({
  name: 'notifications',
  function: 'standardApi',
  permissions: [],
  web: null,
  // GET /api/v1/notifications itself (the list), besides everything under it.
  baseRoutes: ['GET'],
  routes: async () => (await import('./notifications.routes.js')).createNotificationsRouter(),
});
