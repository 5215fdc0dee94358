import type { Context } from 'hono';
import type { LambdaContext, LambdaEvent } from 'hono/aws-lambda';
import type { AppLogger } from '../observability/logger.js';
import type { Actor } from '../auth/actor.js';
import type { TokenRejection } from '../auth/access-token.js';
import type { Db } from '../db/database.js';

/** Per-request facts every service call carries: who, and which request (for audit and logs). */
export interface RequestContext {
  actor: Actor | null;
  requestId: string;
}

export interface AppVariables {
  requestId: string;
  log: AppLogger;
  db: Db;
  /** Set when the request carries a valid token; `authRejection` says why not otherwise. */
  actor: Actor | undefined;
  authRejection: TokenRejection | undefined;
  /** Where the module serving this request is mounted, e.g. `/api/v1/crm` (for `Location` headers). */
  basePath: string;
}

export interface AppEnv {
  Variables: AppVariables;
  /** Present when invoked as a Lambda (on AWS or through the local emulator). */
  Bindings: {
    event?: LambdaEvent;
    lambdaContext?: LambdaContext;
    /** Set when a lazily loaded module's router runs for the app (see create-app.ts). */
    parent?: Context<AppEnv>;
  };
}
