import { defineModule } from '../types';

/**
 * Compliance: frameworks with their requirement trees and coverage, controls with their health,
 * evidence, and the risk register with its heat map.
 */
export const complianceModule = defineModule({
  id: 'compliance',
  label: 'Compliance',
  icon: '✓',
  permissionPrefix: 'compliance',
  basePath: '/compliance',
  shortcut: 'k',
  routes: [
    { path: '/', load: () => import('./ControlsPage') },
    { path: 'controls/new', load: () => import('./ControlFormPage'), permission: 'compliance:write' },
    { path: 'controls/$id', load: () => import('./ControlPage') },
    { path: 'controls/$id/edit', load: () => import('./ControlFormPage'), permission: 'compliance:write' },
    { path: 'frameworks', load: () => import('./FrameworksPage') },
    { path: 'frameworks/$id', load: () => import('./FrameworkPage') },
    { path: 'risks', load: () => import('./RisksPage') },
  ],
  nav: [
    { label: 'Controls', to: '/compliance', permission: 'compliance:read' },
    { label: 'Frameworks', to: '/compliance/frameworks', permission: 'compliance:read' },
    { label: 'Risk register', to: '/compliance/risks', permission: 'compliance:read' },
  ],
});
