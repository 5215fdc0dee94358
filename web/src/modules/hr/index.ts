import { defineModule } from '../types';

/** HR — placeholder: the HR screens replace the coming-soon page. */
export const hrModule = defineModule({
  id: 'hr',
  label: 'HR',
  icon: '☺',
  permissionPrefix: 'hr',
  basePath: '/hr',
  routes: [{ path: '/', load: () => import('./HrHome') }],
  nav: [{ label: 'Overview', to: '/hr' }],
});
