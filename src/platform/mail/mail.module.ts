import { defineModule } from '../modules/module.js';
import { mailSendJob } from './mail.jobs.js';
import { mailPermissions } from './mail.permissions.js';
// Registers the platform's templates by name in every process (the worker renders them).
import './mail.templates.js';

/**
 * Outbound mail (`/api/v1/mail`): part of the platform, mounted like a module. Anything sends with
 * `sendMail(trx, …)`, which enqueues a `platform.mail.send` job; the routes read the local outbox
 * and send a test message (docs/mail.md). Its screen lives in the web app's administration.
 */
export const mailModule = defineModule({
  name: 'mail',
  function: 'standardApi',
  permissions: mailPermissions,
  web: null,
  jobs: [mailSendJob],
  routes: async (services) => (await import('./mail.routes.js')).createMailRouter(services),
});
