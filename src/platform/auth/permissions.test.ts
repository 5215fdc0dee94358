import { describe, expect, it } from 'vitest';
import { defineRoute } from '../http/router.js';
import type { RoleDefinition } from '../modules/module.js';
import { hasPermission, type Permission } from './permissions.js';

describe('permissions', () => {
  it('are only the declared ones: a typo fails the typecheck (each @ts-expect-error must stay an error)', () => {
    const good: Permission = 'crm:write';
    // @ts-expect-error -- 'crm:wirte' is no declared permission
    const typo: Permission = 'crm:wirte';
    // @ts-expect-error -- a route's access takes only declared permissions
    const route = defineRoute('finance:aprove', {
      method: 'get',
      path: '/x',
      responses: { 200: { description: 'ok' } },
    });
    const role: RoleDefinition = {
      name: 'r',
      description: 'd',
      // @ts-expect-error -- nor does a role grant
      permissions: ['hr:*', '*', 'hr:reed'],
    };
    expect([good, typo, route.path, role.name]).toHaveLength(4);
  });

  it('honour the wildcards * and module:*', () => {
    expect(hasPermission({ permissions: ['crm:read'] }, 'crm:read')).toBe(true);
    expect(hasPermission({ permissions: ['crm:read'] }, 'crm:write')).toBe(false);
    expect(hasPermission({ permissions: ['crm:*'] }, 'crm:admin')).toBe(true);
    expect(hasPermission({ permissions: ['crm:*'] }, 'hr:read')).toBe(false);
    expect(hasPermission({ permissions: ['*'] }, 'finance:approve')).toBe(true);
    expect(hasPermission({ permissions: [] }, 'auth:read')).toBe(false);
  });
});
