import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useAuth } from '../auth/auth';
import type { PermissionCheck } from '../auth/permissions';

/** The page for a module or screen the user may not use: says what is missing, never redirects. */
export function NoAccess({ what, permission }: { what: string; permission: string }) {
  return (
    <div className="no-access" role="alert">
      <h1>You don’t have access to {what}</h1>
      <p>
        Your roles do not include the permission this needs (<code>{permission}</code>). If you need it, ask an
        administrator to give you a role that has it.
      </p>
      <Link to="/" className="btn">
        Go to the dashboard
      </Link>
    </div>
  );
}

/** Renders children only with `permission`; otherwise the no-access page. */
export function RequirePermission({
  permission,
  what,
  children,
}: {
  permission: PermissionCheck;
  what: string;
  children: ReactNode;
}) {
  const { can } = useAuth();
  return can(permission) ? children : <NoAccess what={what} permission={permission} />;
}
