import type { Kysely, Transaction } from 'kysely';
import type { PlatformTables } from './platform.tables.js';

/**
 * The whole database as Kysely sees it. The platform declares its own tables here; each module adds
 * its schema's tables by declaration merging in its `<module>.tables.ts`:
 *
 *     declare module '../../platform/db/database.js' { interface Database extends AuthTables {} }
 *
 * so the platform never imports a module, and every module shares one `Kysely<Database>`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merged into by modules
export interface Database extends PlatformTables {}

/** A database handle: the root Kysely instance or a transaction. Services take this first. */
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
