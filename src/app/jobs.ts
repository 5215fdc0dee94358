import { WorkRegistry } from '../platform/jobs/work-registry.js';
import { modules } from './modules.js';

/**
 * Every job type, event type, subscriber and schedule the installed modules declare in their
 * manifests (checked once here: unique names, subscribed events declared, schedules valid). Job and
 * subscriber code loads on first use. Read by the API functions (relay), the Lambda worker and the
 * local worker (docs/adr/0012).
 */
export const workRegistry = new WorkRegistry(modules);
