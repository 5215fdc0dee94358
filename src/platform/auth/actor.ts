/** Who is making a request, as established by the authorizer (or by the app from the token). */
export interface Actor {
  userId: string;
  email: string;
  roles: string[];
  /** `module:action` strings; `*` grants everything, `module:*` every action of a module. */
  permissions: string[];
  /**
   * The session (refresh-token family) the access token was issued for, when the token says so:
   * changing your password keeps this session and signs out the others.
   */
  sessionId?: string;
}

export { hasPermission, type Permission } from './permissions.js';
