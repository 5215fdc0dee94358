import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api';

export const adminKeys = {
  users: 'admin-users',
  user: (id: string) => ['admin', 'user', id] as const,
  roles: ['admin', 'roles'] as const,
  role: (name: string) => ['admin', 'role', name] as const,
  permissions: ['admin', 'permissions'] as const,
};

export function useRoles() {
  return useQuery({ queryKey: adminKeys.roles, queryFn: () => unwrap(api.GET('/api/v1/auth/roles')) });
}

export function usePermissionCatalog() {
  return useQuery({
    queryKey: adminKeys.permissions,
    queryFn: () => unwrap(api.GET('/api/v1/auth/permissions')),
    staleTime: Infinity,
  });
}
