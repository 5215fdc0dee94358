import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage, unwrap, type Schema } from '../api';
import { formatDateTime } from '../components';
import './notifications.css';

type Notification = Schema<'Notification'>;

const KEY = ['notifications'] as const;
/** How often the badge asks for news (and whenever the window gets focus again). */
const POLL_MS = 60_000;

/**
 * The signed-in user's in-app notifications in the top bar: a bell with the unread count, and a panel
 * with the latest ones (approvals waiting, mentions, finished jobs). Opening one marks it read and
 * goes where it leads; "Mark all read" clears the badge.
 */
export function NotificationsBell() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const count = useQuery({
    queryKey: [...KEY, 'count'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notifications/unread-count', { signal })),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
  const latest = useQuery({
    queryKey: [...KEY, 'latest'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 10 } }, signal })),
    enabled: open,
    staleTime: 0,
  });
  const refresh = () => void client.invalidateQueries({ queryKey: KEY });

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const act = async (request: () => Promise<unknown>) => {
    setError(null);
    try {
      await request();
    } catch (e) {
      setError(errorMessage(e));
    }
    refresh();
  };
  const markRead = (n: Notification) =>
    n.readAt
      ? undefined
      : act(() => unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id: n.id } } })));
  const unread = count.data?.unread ?? 0;
  const items = latest.data?.items ?? [];
  return (
    <div className="notifications" ref={ref}>
      <button
        type="button"
        className="btn btn-ghost"
        aria-expanded={open}
        aria-controls="notifications-panel"
        onClick={() => setOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="jobs-badge" data-testid="notifications-unread">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
        <span className="visually-hidden">Notifications{unread > 0 ? ` (${unread} unread)` : ''}</span>
      </button>
      {open && (
        <section
          id="notifications-panel"
          className="menu-panel menu-right notifications-panel"
          aria-label="Notifications"
        >
          <div className="notifications-head">
            <strong>Notifications</strong>
            <button
              type="button"
              className="btn btn-ghost"
              disabled={unread === 0}
              onClick={() => void act(() => unwrap(api.POST('/api/v1/notifications/read-all')))}
            >
              Mark all read
            </button>
          </div>
          {latest.isError ? (
            <p className="field-error" role="alert">
              Could not load your notifications: {errorMessage(latest.error)}
            </p>
          ) : latest.isPending ? (
            <p className="muted">Loading…</p>
          ) : items.length === 0 ? (
            <p className="muted">Nothing new. Approvals waiting for you, mentions and finished jobs appear here.</p>
          ) : (
            <ul>
              {items.map((n) => (
                <li key={n.id} className={n.readAt ? 'notification' : 'notification notification-unread'}>
                  {n.link ? (
                    <Link
                      to={n.link}
                      onClick={() => {
                        void markRead(n);
                        setOpen(false);
                      }}
                    >
                      {n.title}
                    </Link>
                  ) : (
                    <button type="button" className="btn btn-ghost notification-plain" onClick={() => void markRead(n)}>
                      {n.title}
                    </button>
                  )}
                  {n.body && <span className="muted">{n.body}</span>}
                  <span className="muted notification-time">
                    {formatDateTime(n.createdAt)}
                    {!n.readAt && <span className="visually-hidden"> (unread)</span>}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </div>
  );
}

/** A bell (drawn, so it shows on machines without an emoji font). */
function BellIcon() {
  return (
    <svg className="notifications-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15a2.5 2.5 0 0 0 5 0Z"
        fill="currentColor"
      />
    </svg>
  );
}
