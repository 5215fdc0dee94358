import type { FC } from 'react';
import type { PermissionCheck } from '../auth/permissions';

/** A lazily loaded page or widget: `() => import('./UsersPage')` (the file default-exports a component). */
export type LazyComponent = () => Promise<{ default: FC }>;

/** A page of a module, at `basePath + '/' + path` (TanStack Router syntax: `users/$id`; `/` is the module's home). */
export interface ModuleRoute {
  path: string;
  load: LazyComponent;
  /** Without it, any permission of the module opens the page; with it, others see the no-access page. */
  permission?: PermissionCheck;
}

export interface NavItem {
  label: string;
  /** Absolute path, e.g. `/admin/users`. */
  to: string;
  permission?: PermissionCheck;
  /** A count after the label (e.g. approvals waiting for me), hidden at 0. */
  badge?: NavBadge;
}

/**
 * A nav item's count: asked for when the nav shows it, again after each navigation and when the window
 * gets focus. Keep `count` cheap (one small request); it runs in the first-page bundle.
 */
export interface NavBadge {
  /** Its React Query key: a screen that changes the count invalidates it (or a prefix of it). */
  queryKey: readonly unknown[];
  count: (signal: AbortSignal) => Promise<number>;
  /** What follows the label for a screen reader, e.g. `3 pending`. */
  describe: (count: number) => string;
}

export interface DashboardWidget {
  id: string;
  title: string;
  load: LazyComponent;
  permission?: PermissionCheck;
  /** Grid columns the card spans on wide screens (default 1). */
  span?: 1 | 2;
}

export interface SearchResult {
  id: string;
  title: string;
  subtitle?: string;
  /** Where Enter/click goes, e.g. `/crm/contacts/123`. */
  to: string;
}

export interface SearchProvider {
  id: string;
  /** The heading of its group of results, e.g. "Contacts". */
  label: string;
  permission?: PermissionCheck;
  /** Called (debounced) with 2+ characters; abort when `signal` fires. Keep it small: it runs in the first-page bundle. */
  search: (q: string, signal: AbortSignal) => Promise<SearchResult[]>;
}

/**
 * One business module of the web app. Its `index.ts` exports one of these and must stay tiny: every
 * screen is a lazy import, so a module costs the first page only its nav entries.
 */
export interface ModuleDefinition {
  id: string;
  label: string;
  /** A short glyph shown before the label (emoji or 1–2 characters). */
  icon?: string;
  /** Users holding any `<prefix>:…` permission (or `<prefix>:*`, `*`) see the module. */
  permissionPrefix: string;
  /** Where its routes live, e.g. `/finance`. */
  basePath: `/${string}`;
  /** The letter that goes to the module after `g` (`g c` for CRM; `g h` is the dashboard), one per module. */
  shortcut?: string;
  routes: ModuleRoute[];
  nav: NavItem[];
  widgets?: DashboardWidget[];
  searchProviders?: SearchProvider[];
}

/** Identity function that type-checks a module definition. */
export function defineModule(module: ModuleDefinition): ModuleDefinition {
  return module;
}
