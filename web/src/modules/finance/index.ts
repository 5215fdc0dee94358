import { defineModule } from '../types';

/** Finance — placeholder: the finance screens replace the coming-soon page. */
export const financeModule = defineModule({
  id: 'finance',
  label: 'Finance',
  icon: '€',
  permissionPrefix: 'finance',
  basePath: '/finance',
  routes: [{ path: '/', load: () => import('./FinanceHome') }],
  nav: [{ label: 'Overview', to: '/finance' }],
});
