import type { ModuleSetup } from '../../platform/modules/module.js';
import { ensureAdministrator } from './bootstrap.js';
import { syncBuiltinRoles } from './role-sync.js';

/**
 * After every migration run: the built-in roles every installed module declares (ADR 0008), then —
 * when the installation has no active administrator and one was asked for — the first administrator.
 */
export const authSetup: ModuleSetup = async (db, input) => {
  const roles = await syncBuiltinRoles(db, input.roles);
  const administrator = input.administrator ? await ensureAdministrator(db, input.administrator) : undefined;
  return { roles, ...(administrator !== undefined ? { administrator } : {}) };
};
