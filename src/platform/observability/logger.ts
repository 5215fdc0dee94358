import { Logger } from '@aws-lambda-powertools/logger';

const level = (
  process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' || process.env.VITEST ? 'silent' : 'info')
).toUpperCase() as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

/** Keys whose values never reach a log line, wherever they appear. */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key/i;

/**
 * Structured JSON logs (Powertools for AWS Lambda): one line per event, with a request id bound per
 * request through `logger.createChild`. Secrets are redacted by key name.
 */
export const logger = new Logger({
  serviceName: 'moms',
  logLevel: level,
  jsonReplacerFn: (key: string, value: unknown) => (key && SECRET_KEY.test(key) ? '[redacted]' : value),
});

export type AppLogger = Logger;
