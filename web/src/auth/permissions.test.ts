import { describe, expect, it } from 'vitest';
import { hasPermission, type PermissionCheck } from './permissions';

describe('web permissions', () => {
  it('accept only what a server module declares (each @ts-expect-error must stay an error)', () => {
    const ok: PermissionCheck[] = ['crm:write', 'hr:*'];
    // @ts-expect-error -- 'crm:wirte' is no declared permission
    const typo: PermissionCheck = 'crm:wirte';
    // @ts-expect-error -- nor is a module that does not exist
    const module: PermissionCheck = 'crn:*';
    expect([...ok, typo, module]).toHaveLength(4);
  });

  it('follow the API: * and module:* grant, module:* asks for any permission of the module', () => {
    expect(hasPermission(['crm:read'], 'crm:read')).toBe(true);
    expect(hasPermission(['crm:read'], 'crm:write')).toBe(false);
    expect(hasPermission(['crm:*'], 'crm:admin')).toBe(true);
    expect(hasPermission(['*'], 'finance:approve')).toBe(true);
    expect(hasPermission(['hr:read'], 'hr:*')).toBe(true);
    expect(hasPermission(['crm:read'], 'hr:*')).toBe(false);
    expect(hasPermission([], undefined)).toBe(true);
  });
});
