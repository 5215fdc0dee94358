import { defineModule } from '../types';

/** Projects: list, project page, kanban board, Gantt, timesheets and approvals, my tasks, portfolio. */
export const projectsModule = defineModule({
  id: 'projects',
  label: 'Projects',
  icon: '▦',
  permissionPrefix: 'projects',
  basePath: '/projects',
  shortcut: 'p',
  routes: [
    { path: '/', load: () => import('./ProjectsPage') },
    { path: 'new', load: () => import('./NewProjectPage'), permission: 'projects:write' },
    { path: 'my-tasks', load: () => import('./MyTasksPage') },
    { path: 'timesheet', load: () => import('./time/TimesheetPage') },
    { path: 'approvals', load: () => import('./time/ApprovalsPage') },
    { path: 'portfolio', load: () => import('./PortfolioPage') },
    { path: 'workload', load: () => import('./WorkloadPage') },
    { path: '$id', load: () => import('./ProjectPage') },
    { path: '$id/board', load: () => import('./board/BoardPage') },
    { path: '$id/tasks', load: () => import('./TaskListPage') },
    { path: '$id/gantt', load: () => import('./gantt/GanttPage') },
  ],
  nav: [
    { label: 'Projects', to: '/projects', permission: 'projects:read' },
    { label: 'My tasks', to: '/projects/my-tasks', permission: 'projects:read' },
    { label: 'Timesheet', to: '/projects/timesheet', permission: 'projects:write' },
    { label: 'Approvals', to: '/projects/approvals', permission: 'projects:read' },
    { label: 'Portfolio', to: '/projects/portfolio', permission: 'projects:read' },
    { label: 'Workload', to: '/projects/workload', permission: 'projects:read' },
  ],
});
