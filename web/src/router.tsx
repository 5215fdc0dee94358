import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  type AnyRoute,
} from '@tanstack/react-router';
import { useAuth, useAuthState } from './auth/auth';
import { LoginPage } from './auth/LoginPage';
import { ErrorState, Spinner } from './components/feedback';
import { modules } from './modules/registry';
import type { ModuleDefinition, ModuleRoute } from './modules/types';
import { Dashboard } from './shell/Dashboard';
import { NoAccess } from './shell/NoAccess';
import { NotFound } from './shell/NotFound';
import { Shell } from './shell/Shell';

/** Signed out: the sign-in page at whatever URL was asked for (no redirect); signed in: the shell. */
function Root() {
  const { state } = useAuthState();
  if (state.status === 'loading')
    return (
      <div className="splash">
        <Spinner label="Starting MOMS" />
      </div>
    );
  if (state.status === 'signed-out') return <LoginPage expired={state.reason === 'expired'} />;
  return <Shell />;
}

/** A module's layout: its pages for users who may use the module, the no-access page for others. */
function moduleGate(module: ModuleDefinition) {
  return function ModuleGate() {
    const { canUseModule } = useAuth();
    if (!canUseModule(module.permissionPrefix))
      return <NoAccess what={module.label} permission={`${module.permissionPrefix}:…`} />;
    return <Outlet />;
  };
}

function pageComponent(module: ModuleDefinition, route: ModuleRoute) {
  const Page = lazyRouteComponent(route.load);
  if (!route.permission) return Page;
  const permission = route.permission;
  return function GatedPage() {
    const { can } = useAuth();
    return can(permission) ? <Page /> : <NoAccess what={`this page of ${module.label}`} permission={permission} />;
  };
}

const rootRoute = createRootRoute({ component: Root, notFoundComponent: NotFound });
const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Dashboard });

const moduleRoutes: AnyRoute[] = modules.map((module) => {
  const layout = createRoute({ getParentRoute: () => rootRoute, path: module.basePath, component: moduleGate(module) });
  return layout.addChildren(
    module.routes.map((route) =>
      createRoute({ getParentRoute: () => layout, path: route.path, component: pageComponent(module, route) }),
    ),
  );
});

export const router = createRouter({
  routeTree: rootRoute.addChildren([homeRoute, ...moduleRoutes]),
  defaultPreload: 'intent',
  defaultPendingComponent: () => (
    <div className="page-loading">
      <Spinner label="Loading page" />
    </div>
  ),
  defaultErrorComponent: ({ error, reset }) => <ErrorState error={error} onRetry={reset} />,
  defaultNotFoundComponent: NotFound,
  scrollRestoration: true,
});
