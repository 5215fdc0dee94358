import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useAuth } from '../auth/auth';
import { modules } from '../modules/registry';
import { GlobalSearch } from './GlobalSearch';
import { JobsTray } from './JobsTray';
import { NavBadge } from './NavBadge';
import { NotificationsBell } from './NotificationsBell';
import { ShortcutsHelp } from './ShortcutsHelp';
import { ShortcutsProvider } from '../components/shortcuts';
import { UserMenu } from './UserMenu';

/**
 * The signed-in layout: skip link, top bar (menu button, brand, search, shortcuts help, user menu), navigation,
 * main; keyboard shortcuts (`?` lists them) work anywhere inside.
 */
export function Shell() {
  const { user, can, canUseModule } = useAuth();
  const [navOpen, setNavOpen] = useState(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useEffect(() => setNavOpen(false), [pathname]);

  const visible = modules.filter((m) => canUseModule(m.permissionPrefix));
  return (
    <ShortcutsProvider>
      <div className="app">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="topbar">
          <button
            type="button"
            className="btn btn-ghost nav-toggle"
            aria-expanded={navOpen}
            aria-controls="main-nav"
            onClick={() => setNavOpen(!navOpen)}
          >
            <span aria-hidden="true">☰</span>
            <span className="visually-hidden">Menu</span>
          </button>
          <Link to="/" className="brand">
            MOMS
          </Link>
          <GlobalSearch />
          <JobsTray />
          <ShortcutsHelp />
          <NotificationsBell />
          <UserMenu />
        </header>
        <div className="layout">
          <nav id="main-nav" aria-label="Main" className={navOpen ? 'sidenav open' : 'sidenav'}>
            <ul>
              <li>
                <Link
                  to="/"
                  activeOptions={{ exact: true }}
                  activeProps={{ className: 'active', 'aria-current': 'page' }}
                >
                  <span className="nav-icon" aria-hidden="true">
                    ⌂
                  </span>
                  Dashboard
                </Link>
              </li>
            </ul>
            {visible.map((m) => {
              const items = m.nav.filter((item) => can(item.permission));
              return (
                <div key={m.id} className="nav-group">
                  <h2 className="nav-heading" id={`nav-${m.id}`}>
                    <span className="nav-icon" aria-hidden="true">
                      {m.icon}
                    </span>
                    {m.label}
                  </h2>
                  <ul aria-labelledby={`nav-${m.id}`}>
                    {items.map((item) => (
                      <li key={item.to}>
                        <Link
                          to={item.to}
                          activeOptions={{ exact: item.to === m.basePath }}
                          activeProps={{ className: 'active', 'aria-current': 'page' }}
                        >
                          {item.label}
                          {item.badge && <NavBadge badge={item.badge} />}
                        </Link>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </nav>
          <main id="main" tabIndex={-1}>
            {user.mustChangePassword && (
              <div className="banner banner-warning" role="status">
                You are using a temporary password. Choose your own under your name (top right) → Change password.
              </div>
            )}
            <Outlet />
          </main>
        </div>
      </div>
    </ShortcutsProvider>
  );
}
