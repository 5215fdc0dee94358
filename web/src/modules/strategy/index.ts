import { defineModule } from '../types';

/** Strategy: the alignment tree, objective pages with key results, the scorecard, the strategy map, cycles and KPIs. */
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
    { path: 'map', load: () => import('./StrategyMapPage') },
    { path: 'objectives/new', load: () => import('./NewObjectivePage'), permission: 'strategy:write' },
    { path: 'objectives/$id', load: () => import('./ObjectivePage') },
    { path: 'cycles', load: () => import('./CyclesPage') },
    { path: 'cycles/new', load: () => import('./CycleFormPage'), permission: 'strategy:admin' },
    { path: 'cycles/$id', load: () => import('./CycleFormPage'), permission: 'strategy:admin' },
    { path: 'kpis', load: () => import('./KpisPage') },
    { path: 'kpis/new', load: () => import('./KpiFormPage'), permission: 'strategy:admin' },
    { path: 'kpis/$id', load: () => import('./KpiFormPage'), permission: 'strategy:admin' },
  ],
  nav: [
    { label: 'Alignment', to: '/strategy', permission: 'strategy:read' },
    { label: 'Scorecard', to: '/strategy/scorecard', permission: 'strategy:read' },
    { label: 'Strategy map', to: '/strategy/map', permission: 'strategy:read' },
    { label: 'KPIs', to: '/strategy/kpis', permission: 'strategy:read' },
    { label: 'Cycles', to: '/strategy/cycles', permission: 'strategy:read' },
  ],
});
