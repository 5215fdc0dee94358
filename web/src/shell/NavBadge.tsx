import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import type { NavBadge as Badge } from '../modules/types';

/**
 * A nav item's count (e.g. approvals waiting for me): asked for again after each navigation and when
 * the window gets focus; nothing is shown at 0 or while it loads. A screen reader hears it after the
 * label ("Approvals inbox, 2 pending").
 */
export function NavBadge({ badge }: { badge: Badge }) {
  const client = useQueryClient();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const { queryKey } = badge;
  const count = useQuery({
    queryKey,
    queryFn: ({ signal }) => badge.count(signal),
    refetchOnWindowFocus: true,
    staleTime: 0,
    retry: false,
  });
  useEffect(() => {
    void client.invalidateQueries({ queryKey, exact: true });
  }, [client, pathname, queryKey]);
  const n = count.data ?? 0;
  if (n <= 0) return null;
  return (
    <span className="nav-badge" data-testid="nav-badge">
      <span aria-hidden="true">{n > 99 ? '99+' : n}</span>
      <span className="visually-hidden">, {badge.describe(n)}</span>
    </span>
  );
}
