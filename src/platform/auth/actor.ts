/** Who is making a request, as established by the authorizer (or by the app from the token). */
export interface Actor {
  userId: string;
  email: string;
  roles: string[];
  /** `module:action` strings; `*` grants everything, `module:*` every action of a module. */
  permissions: string[];
}

export { hasPermission, type Permission } from './permissions.js';
