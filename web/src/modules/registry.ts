import { adminModule } from './admin';
import { analyticsModule } from './analytics';
import { automationModule } from './automation';
import { complianceModule } from './compliance';
import { crmModule } from './crm';
import { financeModule } from './finance';
import { hrModule } from './hr';
import { projectsModule } from './projects';
import { strategyModule } from './strategy';
import { supplyModule } from './supply';
import type { ModuleDefinition } from './types';

/** Every module of the web app, in navigation order. Add a module here (one line). */
export const modules: readonly ModuleDefinition[] = [
  financeModule,
  crmModule,
  hrModule,
  projectsModule,
  supplyModule,
  strategyModule,
  analyticsModule,
  automationModule,
  complianceModule,
  adminModule,
];

export type { DashboardWidget, ModuleDefinition, ModuleRoute, NavItem, SearchProvider, SearchResult } from './types';
export { defineModule } from './types';
