import { defineModule } from '../types';

/**
 * Compliance: frameworks with their requirement trees and coverage, controls with their health and
 * evidence, assessments with findings, the risk register with its heat map, and policies (which every
 * employee reads and acknowledges: `compliance:acknowledge`).
 */
export const complianceModule = defineModule({
  id: 'compliance',
  label: 'Compliance',
  icon: '✓',
  permissionPrefix: 'compliance',
  basePath: '/compliance',
  shortcut: 'k',
  routes: [
    { path: '/', load: () => import('./ComplianceHome') },
    { path: 'controls/new', load: () => import('./ControlFormPage'), permission: 'compliance:write' },
    { path: 'controls/$id', load: () => import('./ControlPage'), permission: 'compliance:read' },
    { path: 'controls/$id/edit', load: () => import('./ControlFormPage'), permission: 'compliance:write' },
    { path: 'frameworks', load: () => import('./FrameworksPage'), permission: 'compliance:read' },
    { path: 'frameworks/$id', load: () => import('./FrameworkPage'), permission: 'compliance:read' },
    { path: 'risks', load: () => import('./RisksPage'), permission: 'compliance:read' },
    { path: 'risks/new', load: () => import('./RiskFormPage'), permission: 'compliance:write' },
    { path: 'risks/$id/edit', load: () => import('./RiskFormPage'), permission: 'compliance:write' },
    { path: 'assets', load: () => import('./AssetsPage'), permission: 'compliance:read' },
    { path: 'assessments', load: () => import('./AssessmentsPage'), permission: 'compliance:read' },
    { path: 'assessments/$id', load: () => import('./AssessmentPage'), permission: 'compliance:read' },
    { path: 'policies', load: () => import('./PoliciesPage'), permission: 'compliance:acknowledge' },
    { path: 'policies/$id', load: () => import('./PolicyPage'), permission: 'compliance:acknowledge' },
    { path: 'privacy', load: () => import('./PrivacyRequestsPage'), permission: 'compliance:read' },
    { path: 'reports', load: () => import('./ReportsPage'), permission: 'compliance:read' },
  ],
  nav: [
    { label: 'Controls', to: '/compliance', permission: 'compliance:read' },
    { label: 'Frameworks', to: '/compliance/frameworks', permission: 'compliance:read' },
    { label: 'Risk register', to: '/compliance/risks', permission: 'compliance:read' },
    { label: 'Assessments', to: '/compliance/assessments', permission: 'compliance:read' },
    { label: 'Policies', to: '/compliance/policies', permission: 'compliance:acknowledge' },
    { label: 'Privacy requests', to: '/compliance/privacy', permission: 'compliance:read' },
    { label: 'Reports', to: '/compliance/reports', permission: 'compliance:read' },
  ],
});
