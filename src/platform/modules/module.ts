import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Migration } from 'kysely';
import type { AccessTokens } from '../auth/access-token.js';
import type { Permission, PermissionGrant, PermissionInfo } from '../auth/permissions.js';
import type { LoadTokenCutoffs } from '../auth/token-revocation.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/database.js';
import type { DemoGenerator } from '../demo/demo.js';
import type { AttachableRecord, AttachableRecordType } from '../files/attachable.js';
import type { FileStore } from '../files/file-store.js';
import type { AppEnv } from '../http/app-env.js';
import type { EventType, SubscriberDefinition } from '../events/event-types.js';
import type { JobDefinition } from '../jobs/job-registry.js';
import type { ScheduleDefinition } from '../jobs/work-registry.js';
import type { DatasetDefinition } from './dataset.js';
import type { ActionDefinition } from './action.js';
import type { MetricDefinition } from './metric.js';
import type { PrivacyDefinition } from './privacy.js';
import type { LinkableRecord } from './record.js';

/** The Lambda function that serves a module's routes (the seed's "Module Distribution"). */
export type FunctionName = 'standardApi' | 'containerizedApi';

/**
 * A built-in role, or permissions a module adds to another module's role. Exactly one module
 * describes a role (its owner); others list only the permissions they add (e.g. HR gives `manager`
 * `hr:approve`). They are synchronized at migration time (auth's role sync): a role is created when
 * missing, and a grant is applied once — an administrator who later removes it keeps it removed.
 */
export interface RoleDefinition {
  name: string;
  description?: string;
  permissions: readonly PermissionGrant[];
}

/** The first administrator an installation gets when it has none (from the deploy, or `npm start`). */
export interface AdministratorRequest {
  email?: string | undefined;
  /** Generated (and reported once) when absent. */
  password?: string | undefined;
}

export interface AdministratorResult {
  created: boolean;
  email: string;
  /** Only when MOMS generated it (print it once; it is not stored anywhere in clear). */
  generatedPassword?: string;
}

/** What a module's setup gets after every migration run. */
export interface SetupInput {
  /** Every installed module's built-in role definitions. */
  roles: readonly RoleDefinition[];
  administrator?: AdministratorRequest | undefined;
}

/** What a setup reports (merged over the modules; the operator sees it). */
export interface SetupReport {
  roles?: { created: string[]; granted: { role: string; permission: string }[] };
  administrator?: AdministratorResult | null;
}

export type ModuleSetup = (db: Db, input: SetupInput) => Promise<SetupReport>;

/**
 * Fields of a module's audit records that only some readers may see: the audit log keeps (and hashes)
 * the whole record, and its views show `[redacted]` to a reader without `visibleWith` — so the audit
 * log never shows more than the module itself would (issue #24: HR privacy).
 */
export interface AuditPrivacyRule {
  /** The audit record's entity type, e.g. `hr.employee`. */
  entityType: string;
  /** Keys of `before`/`after` to hide; `'*'` hides every key but `id`. */
  fields: readonly string[] | '*';
  visibleWith: Permission;
}

/** What the app hands a module's routes when it loads them. */
export interface ModuleServices {
  config: Config;
  getAccessTokens: () => Promise<AccessTokens>;
  /** The deployment's token-signing secret; a module derives its own keys from it (HKDF), never uses it as is. */
  getSigningKey: () => Promise<Uint8Array>;
  /** Every permission of every installed module (for the role screens). */
  permissionCatalog: () => readonly PermissionInfo[];
  /** Where files live (S3 on AWS, `.moms/files` locally): docs/files.md. */
  getFileStore: () => Promise<FileStore>;
  /** Every installed module's record types that can carry attachments (for the attachments routes). */
  attachableRecords: readonly AttachableRecordType[];
  /** Every installed module's audit privacy rules (for the audit log's views). */
  auditPrivacy: readonly AuditPrivacyRule[];
}

/** Registers a part of a module's routes on its router. */
export type RegisterRoutes = (router: OpenAPIHono<AppEnv>, services: ModuleServices) => void;

/**
 * Part of a module's routes, imported on the first request whose path under the module's `basePath`
 * starts with one of `segments` (`accounts` for `/accounts` and `/accounts/{id}`). A request is served
 * by a router holding every group that names its first segment, registered in the order the module
 * lists them, so routes shadow each other as they do in the whole router (which the API document and a
 * path no group names use). `src/app/route-groups.test.ts` holds each group's `segments` to the routes
 * it registers (docs/adr/0006, "Route groups").
 */
export interface RouteGroup {
  segments: readonly string[];
  register: () => Promise<RegisterRoutes>;
}

/**
 * One module, declared once in its `<name>.module.ts` and listed once in `src/app/modules.ts`;
 * everything outside the module (function apps, route table, migrations, demo, jobs, permissions and
 * roles) is derived from these. The file (and every file it imports) is loaded eagerly by every
 * function at a cold start, so it holds only data, lazy `import()`s and functions: routes, migrations,
 * demo and job code load on first use, and no Zod schema is built when it is imported — a job's
 * payload, an event's payload, a metric's parameters, a mail template's data and an action's input
 * are functions that build the schema on first use (memoized, `lazy` in ./lazy.ts). Building them at
 * import cost a cold start ~15 ms of CPU for ~700 schemas that most requests never use
 * (docs/adr/0008, "Schemas built on first use"; src/app/manifest-schemas.test.ts builds each one).
 */
export interface ModuleManifest {
  /** kebab-case, also the API path segment: `/api/v1/<name>`. */
  name: string;
  function: FunctionName;
  /** `/api/v1/<name>` unless set. */
  basePath: string;
  permissions: readonly PermissionInfo[];
  roles: readonly RoleDefinition[];
  /** Routes under `basePath` that API Gateway serves without the authorizer (e.g. signing in). */
  publicRoutes?: readonly { method: 'GET' | 'POST'; path: string }[];
  /**
   * The Hono router mounted at `basePath`; absent for a module with no HTTP API. Either one router, or
   * groups of routes each imported on the first request under one of its path segments
   * (`RouteGroup`): a cold start then loads only the part of a large module the request needs. Always
   * behind `import('./<name>.routes.js')`, which the bundles of functions that serve no routes leave out
   * (infra/bundling.ts).
   */
  routes?: (services: ModuleServices) => Promise<OpenAPIHono<AppEnv> | readonly RouteGroup[]>;
  /** The module's migrations (Kysely, frozen in time); names sort in the order they apply. */
  migrations?: () => Promise<Record<string, Migration>>;
  /**
   * Runs after every migration run, in list order, before the installation serves: auth brings the
   * built-in roles up to the declared ones and creates the first administrator when there is none.
   */
  setup?: () => Promise<ModuleSetup>;
  /** `npm run demo`: runs in the order of `src/app/modules.ts` (a module may use what earlier ones made). */
  demo?: () => Promise<DemoGenerator>;
  /**
   * The identity module (auth) says which access tokens are revoked: every API function asks it for
   * the user and role cutoffs (docs/adr/0010). At most one module provides it.
   */
  tokenCutoffs?: () => Promise<LoadTokenCutoffs>;
  /** Which fields of its audit records only some readers may see. */
  auditPrivacy?: readonly AuditPrivacyRule[];
  /**
   * Record types of this module that can carry attachments (`<module>.<record>`), with the permissions
   * and the visibility check the attachments routes apply (src/platform/files/attachable.ts).
   */
  attachments?: Readonly<Record<string, AttachableRecord>>;
  /**
   * Record types of this module that other modules may point at by id (Automation's "Run flow" from a
   * record's page): a label, the permission and the visibility check of the record's own `GET`
   * (src/platform/modules/record.ts).
   */
  records?: Readonly<Record<string, LinkableRecord>>;
  /**
   * Background job types this module runs on the worker (`defineJob`: a payload schema built on first
   * use, `payload: () => z.object(…)`, and a handler loaded on first use). Enqueue them with
   * `enqueueJob(trx, …)` (docs/adr/0012).
   */
  jobs?: readonly JobDefinition[];
  /**
   * Domain event types this module emits (`defineEvent(name, () => z.object(…))`: a name and a payload
   * schema built on first use), with `emit(trx, …)`.
   */
  events?: readonly EventType[];
  /** Reactions to events (its own or other modules'), each run once per event (`defineSubscriber`). */
  subscribers?: readonly SubscriberDefinition[];
  /**
   * Cron schedules (UTC) that enqueue one of the jobs (`defineSchedule`); each slot runs once. The cron
   * is checked when declared, the payload (by the job's schema) when the schedule first fires.
   */
  schedules?: readonly ScheduleDefinition[];
  /**
   * Methods served at `basePath` itself (e.g. `GET /api/v1/jobs`): API Gateway's `{proxy+}` route
   * needs at least one segment after the base path, so these get a route of their own.
   */
  baseRoutes?: readonly ('GET' | 'POST')[];
  /** Named metrics this module computes for Strategy's key results and KPIs (`defineMetric`; `params: () => z.object(…)`). */
  metrics?: readonly MetricDefinition[];
  /** What Automation's flows may do through this module's public surface (`defineAction`: docs/adr/0016). */
  actions?: readonly ActionDefinition[];
  /** Datasets this module offers to Analytics (`defineDataset`): fields, measures and a visibility-filtered base query. */
  datasets?: readonly DatasetDefinition[];
  /**
   * How this module exports and erases what it holds about a person (Compliance's privacy requests,
   * docs/adr/0025): the subject types it owns and its hooks, loaded on first use (`./<name>.privacy.js`).
   */
  privacy?: PrivacyDefinition;
  /** The id of the web app's module that holds this module's screens (`web/src/modules/<id>`), or null. */
  web: string | null;
}

export type ModuleDefinition = Omit<ModuleManifest, 'basePath' | 'roles' | 'web'> &
  Partial<Pick<ModuleManifest, 'basePath' | 'roles' | 'web'>>;

export function defineModule(definition: ModuleDefinition): ModuleManifest {
  if (!/^[a-z][a-z0-9-]*$/.test(definition.name)) throw new Error(`Module name "${definition.name}" is not kebab-case`);
  return {
    ...definition,
    basePath: definition.basePath ?? `/api/v1/${definition.name}`,
    roles: definition.roles ?? [],
    web: definition.web === undefined ? definition.name : definition.web,
  };
}
