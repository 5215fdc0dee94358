import { api, unwrap } from '../../api/client';
import { defineModule } from '../types';

/** HR: directory, organization, org chart, leave and payroll (the API's `hr` module). */
export const hrModule = defineModule({
  id: 'hr',
  label: 'HR',
  icon: '☺',
  permissionPrefix: 'hr',
  basePath: '/hr',
  shortcut: 'e',
  routes: [
    { path: '/', load: () => import('./HrHome') },
    { path: 'employees', load: () => import('./employees/DirectoryPage') },
    { path: 'employees/new', load: () => import('./employees/EmployeeFormPage'), permission: 'hr:admin' },
    { path: 'employees/$id', load: () => import('./employees/EmployeePage') },
    { path: 'employees/$id/edit', load: () => import('./employees/EmployeeFormPage'), permission: 'hr:write' },
    { path: 'org-chart', load: () => import('./employees/OrgChartPage') },
    { path: 'org-chart/$id', load: () => import('./employees/OrgChartPage') },
    { path: 'organization', load: () => import('./org/OrganizationPage') },
    { path: 'leave', load: () => import('./leave/MyLeavePage') },
    { path: 'leave-approvals', load: () => import('./leave/ApprovalsPage'), permission: 'hr:approve' },
    { path: 'team-calendar', load: () => import('./leave/CalendarPage') },
    { path: 'leave-settings', load: () => import('./leave/LeaveSettingsPage'), permission: 'hr:admin' },
    { path: 'payroll', load: () => import('./payroll/RunsPage') },
    { path: 'payroll/runs/$id', load: () => import('./payroll/RunPage') },
    { path: 'payslips', load: () => import('./payroll/MyPayslipsPage') },
    { path: 'payslips/$id', load: () => import('./payroll/PayslipPage') },
  ],
  nav: [
    { label: 'Overview', to: '/hr' },
    { label: 'Directory', to: '/hr/employees', permission: 'hr:read' },
    { label: 'Org chart', to: '/hr/org-chart', permission: 'hr:read' },
    { label: 'Organization', to: '/hr/organization', permission: 'hr:read' },
    { label: 'My leave', to: '/hr/leave', permission: 'hr:read' },
    { label: 'Approvals', to: '/hr/leave-approvals', permission: 'hr:approve' },
    { label: 'Team calendar', to: '/hr/team-calendar', permission: 'hr:read' },
    { label: 'Leave settings', to: '/hr/leave-settings', permission: 'hr:admin' },
    { label: 'My payslips', to: '/hr/payslips', permission: 'hr:read' },
    { label: 'Payroll', to: '/hr/payroll', permission: 'hr:compensation' },
  ],
  widgets: [
    {
      id: 'hr-headcount',
      title: 'Headcount by department',
      load: () => import('./widgets/HeadcountWidget'),
      permission: 'hr:read',
    },
    {
      id: 'hr-approvals',
      title: 'Leave waiting for you',
      load: () => import('./widgets/ApprovalsWidget'),
      permission: 'hr:approve',
    },
  ],
  searchProviders: [
    {
      id: 'hr-employees',
      label: 'Employees',
      permission: 'hr:read',
      search: async (q, signal) =>
        (await unwrap(api.GET('/api/v1/hr/employees', { params: { query: { q, limit: 6 } }, signal }))).items.map(
          (e) => ({
            id: e.id,
            title: `${e.firstName} ${e.lastName}`,
            subtitle: [e.positionTitle, e.departmentName].filter(Boolean).join(' · ') || e.workEmail,
            to: `/hr/employees/${e.id}`,
          }),
        ),
    },
  ],
});
