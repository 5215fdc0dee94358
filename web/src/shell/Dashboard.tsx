import { Link } from '@tanstack/react-router';
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { useAuth } from '../auth/auth';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageHeader, Skeleton } from '../components/feedback';
import { modules } from '../modules/registry';
import type { DashboardWidget } from '../modules/types';

const lazyCache = new Map<string, LazyExoticComponent<ComponentType>>();
function lazyWidget(widget: DashboardWidget) {
  let component = lazyCache.get(widget.id);
  if (!component) {
    component = lazy(widget.load);
    lazyCache.set(widget.id, component);
  }
  return component;
}

/** Home: the user's modules, then the dashboard widgets of the modules (and permissions) they have. */
export function Dashboard() {
  const { user, can, canUseModule } = useAuth();
  const visible = modules.filter((m) => canUseModule(m.permissionPrefix));
  const widgets = visible.flatMap((m) => (m.widgets ?? []).filter((w) => can(w.permission)));
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="Your modules and what is new in them." />
      <ul className="module-cards">
        {visible.map((m) => (
          <li key={m.id}>
            <Link to={m.basePath} className="card module-card">
              <span className="module-icon" aria-hidden="true">
                {m.icon}
              </span>
              <span>{m.label}</span>
            </Link>
          </li>
        ))}
      </ul>
      {visible.length === 0 && (
        <p className="muted">No modules are available to you yet. Ask an administrator for a role.</p>
      )}
      <div className="widgets">
        {widgets.map((w) => {
          const Widget = lazyWidget(w);
          return (
            <section
              key={w.id}
              className={w.span === 2 ? 'card widget widget-wide' : 'card widget'}
              aria-labelledby={`w-${w.id}`}
            >
              <h2 id={`w-${w.id}`}>{w.title}</h2>
              <ErrorBoundary>
                <Suspense fallback={<Skeleton height="6em" />}>
                  <Widget />
                </Suspense>
              </ErrorBoundary>
            </section>
          );
        })}
      </div>
    </>
  );
}
