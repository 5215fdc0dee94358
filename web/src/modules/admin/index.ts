import { api, unwrap } from '../../api/client';
import { defineModule } from '../types';

/** Administration: users and roles (the API's `auth` module). */
export const adminModule = defineModule({
  id: 'admin',
  label: 'Administration',
  icon: '⚙',
  permissionPrefix: 'auth',
  basePath: '/admin',
  shortcut: 'a',
  routes: [
    { path: '/', load: () => import('./UsersPage') },
    { path: 'users', load: () => import('./UsersPage') },
    { path: 'users/new', load: () => import('./UserCreatePage'), permission: 'auth:admin' },
    { path: 'users/$id', load: () => import('./UserDetailPage') },
    { path: 'roles', load: () => import('./RolesPage') },
    { path: 'roles/new', load: () => import('./RoleEditPage'), permission: 'auth:admin' },
    { path: 'roles/$name', load: () => import('./RoleEditPage') },
    { path: 'mail', load: () => import('./MailOutboxPage'), permission: 'mail:read' },
    { path: 'mail/$id', load: () => import('./MailMessagePage'), permission: 'mail:read' },
  ],
  nav: [
    { label: 'Users', to: '/admin/users', permission: 'auth:read' },
    { label: 'Roles', to: '/admin/roles', permission: 'auth:read' },
    { label: 'Mail outbox', to: '/admin/mail', permission: 'mail:read' },
  ],
  widgets: [
    {
      id: 'admin-new-users',
      title: 'Newest users',
      load: () => import('./NewestUsersWidget'),
      permission: 'auth:read',
    },
  ],
  searchProviders: [
    {
      id: 'users',
      label: 'Users',
      permission: 'auth:read',
      search: async (q, signal) => {
        const page = await unwrap(api.GET('/api/v1/auth/users', { params: { query: { q, limit: 6 } }, signal }));
        return page.items.map((u) => ({ id: u.id, title: u.name, subtitle: u.email, to: `/admin/users/${u.id}` }));
      },
    },
  ],
});
