import { AccessTokens } from '../platform/auth/access-token.js';
import type { Config } from '../platform/config/config.js';
import type { DatabaseHandle } from '../platform/db/create-database.js';
import type { Db } from '../platform/db/database.js';
import type { FileStore } from '../platform/files/file-store.js';
import { sqsDispatcher, type Dispatcher } from '../platform/jobs/dispatch.js';
import { provideJobFileStore } from '../platform/jobs/job-files.js';
import { useMailConfig } from '../platform/mail/mail-environment.js';

/**
 * What a process (a Lambda container, the local server, a test) holds across requests: the database
 * and the token keys, each created on first use and then reused.
 */
export interface Runtime {
  config: Config;
  getDb: () => Promise<Db>;
  getAccessTokens: () => Promise<AccessTokens>;
  /** The deployment's token-signing secret (loaded once); page cursors are signed with a key derived from it. */
  getSigningKey: () => Promise<Uint8Array>;
  /** Where files live: S3 on AWS, `.moms/files` locally (docs/files.md); created on first use. */
  getFileStore: () => Promise<FileStore>;
  /**
   * Where the relay sends committed jobs (docs/adr/0012): SQS when JOB_QUEUE_URL is set (on AWS);
   * locally the in-process worker sets its own; undefined leaves them to a worker polling the table.
   */
  dispatcher: Dispatcher | undefined;
  close: () => Promise<void>;
}

export function createRuntime(config: Config, existing?: DatabaseHandle): Runtime {
  let handle: Promise<DatabaseHandle> | undefined = existing ? Promise.resolve(existing) : undefined;
  let tokens: Promise<AccessTokens> | undefined;
  let signingKey: Promise<Uint8Array> | undefined;
  let fileStore: Promise<FileStore> | undefined;
  const getSigningKey = () => {
    // The key, file store and database code are imported on first use: a cold start that needs none of
    // them (a health check) does not load it (issue #19).
    signingKey ??= import('../platform/auth/signing-key.js')
      .then(({ loadSigningKey }) =>
        loadSigningKey({ secret: config.JWT_SECRET, secretArn: config.JWT_SECRET_ARN, dataDir: config.dataDir }),
      )
      .catch((error: unknown) => {
        signingKey = undefined; // the next request tries again
        throw error;
      });
    return signingKey;
  };
  const getFileStore = () => {
    fileStore ??= import('../platform/files/create-file-store.js')
      .then(({ createFileStore }) => createFileStore(config, getSigningKey))
      .catch((error: unknown) => {
        fileStore = undefined;
        throw error;
      });
    return fileStore;
  };
  // Job handlers of this process write their results (exports) here (docs/adr/0012).
  provideJobFileStore(getFileStore);
  // …and its mail send job sends with the transport this configuration selects (docs/mail.md).
  useMailConfig(config);
  return {
    config,
    dispatcher: config.JOB_QUEUE_URL ? sqsDispatcher(config.JOB_QUEUE_URL) : undefined,
    getDb: async () => {
      handle ??= import('./database.js')
        .then(({ openDatabase }) => openDatabase(config))
        .catch((error: unknown) => {
          handle = undefined; // the next request tries again
          throw error;
        });
      return (await handle).db;
    },
    getAccessTokens: () => {
      tokens ??= getSigningKey()
        .then((key) => new AccessTokens(key, config.ACCESS_TOKEN_TTL_SECONDS))
        .catch((error: unknown) => {
          tokens = undefined;
          throw error;
        });
      return tokens;
    },
    getSigningKey,
    getFileStore,
    close: async () => {
      if (handle && !existing) await (await handle).close();
    },
  };
}
