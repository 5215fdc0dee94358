/** Who is making a request, as established by the authorizer (or by the app from the token). */
export interface Actor {
  userId: string;
  email: string;
  roles: string[];
  /** `module:action` strings; `*` grants everything, `module:*` every action of a module. */
  permissions: string[];
}

/** `module:action`, e.g. `auth:admin`, `finance:approve`. */
export type Permission = `${string}:${string}`;

export function hasPermission(actor: Pick<Actor, 'permissions'>, required: Permission): boolean {
  const [module] = required.split(':');
  return actor.permissions.some((p) => p === '*' || p === required || p === `${module}:*`);
}
