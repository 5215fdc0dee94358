import { defineModule } from '../types';

/** Strategy: the alignment tree of a cycle's objectives, objective pages with key results, the scorecard. */
export const strategyModule = defineModule({
  id: 'strategy',
  label: 'Strategy',
  icon: '◎',
  permissionPrefix: 'strategy',
  basePath: '/strategy',
  shortcut: 'o',
  routes: [
    { path: '/', load: () => import('./AlignmentPage') },
    { path: 'scorecard', load: () => import('./ScorecardPage') },
    { path: 'objectives/new', load: () => import('./NewObjectivePage'), permission: 'strategy:write' },
    { path: 'objectives/$id', load: () => import('./ObjectivePage') },
  ],
  nav: [
    { label: 'Alignment', to: '/strategy', permission: 'strategy:read' },
    { label: 'Scorecard', to: '/strategy/scorecard', permission: 'strategy:read' },
  ],
});
