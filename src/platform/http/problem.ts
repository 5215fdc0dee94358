import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { $ZodError } from 'zod/v4/core';
import { AppError, errors, type FieldError } from '../errors/app-error.js';
import type { AppEnv } from './app-env.js';

export const PROBLEM_BASE = 'https://moms.dev/problems/';

/**
 * Whether `error` is a Zod validation error (`ZodError`, or the core's `$ZodError` that `zod/mini`
 * throws): an Error of that name with its issues. Recognised without importing Zod, which a cold start
 * does not load (docs/adr/0026); no Zod error exists before Zod is loaded anyway.
 */
export function isZodError(error: unknown): error is $ZodError {
  return (
    error instanceof Error &&
    (error.name === 'ZodError' || error.name === '$ZodError') &&
    Array.isArray((error as { issues?: unknown }).issues)
  );
}

/** Zod issues → per-field errors with dotted paths. */
export function fieldErrors(error: $ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `Unknown field "${key}".`,
        code: 'unknown_field',
      }));
    }
    return [{ path: issue.path.join('.'), message: issue.message, code: issue.code }];
  });
}

interface PgError {
  code: string;
  message?: string;
  constraint?: string;
  detail?: string;
}
function isPgError(error: unknown): error is PgError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** Maps anything thrown to an AppError; unknown errors become a plain 500 (logged, never shown). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isZodError(error)) return errors.validation(fieldErrors(error));
  if (error instanceof HTTPException) {
    if (error.status === 400 && /json/i.test(error.message)) return errors.malformedJson();
    if (error.status === 415) return errors.unsupportedMediaType();
    if (error.status >= 400 && error.status < 500) {
      return new AppError('http-error', error.status, error.message || 'Request error');
    }
    return errors.internal(error);
  }
  if (isPgError(error)) {
    switch (error.code) {
      case '23505':
        return errors.conflict('A record with the same unique value already exists.', {
          ...(error.constraint ? { constraint: error.constraint } : {}),
        });
      case '23503':
        return errors.conflict('The record refers to, or is referred to by, another record.', {
          ...(error.constraint ? { constraint: error.constraint } : {}),
        });
      case '40001':
      case '40P01':
        return new AppError('concurrent-update', 409, 'Concurrent update', {
          detail: 'Another request changed the same data at the same time. Retry the request.',
          headers: { 'Retry-After': '1' },
        });
      case '23514': // a CHECK constraint: the services check first, so only code that skipped them gets here
        return errors.conflict('The change would break a rule of the data (a check constraint).', {
          ...(error.constraint ? { constraint: error.constraint } : {}),
        });
      case 'P0001':
        // Raised by our own guard triggers (append-only audit log, immutable posted entries): their
        // messages are written for people.
        return errors.conflict(error.message ?? 'The database refused this change.');
      case '57014':
        return new AppError('timeout', 503, 'Request took too long', {
          detail: 'The database took too long to answer. Try again, or narrow the request.',
        });
      case '22P02':
      case '22003':
        return errors.badRequest('A value in the request is not valid for its field.');
    }
  }
  return errors.internal(error);
}

export function problemResponse(c: Context<AppEnv>, error: AppError): Response {
  const body = {
    type: PROBLEM_BASE + error.code,
    title: error.message,
    status: error.status,
    detail: error.detail,
    instance: c.req.path,
    requestId: c.get('requestId'),
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
  return new Response(JSON.stringify(body), {
    status: error.status,
    headers: {
      'content-type': 'application/problem+json',
      ...(c.get('requestId') ? { 'x-request-id': c.get('requestId') } : {}),
      ...error.headers,
    },
  });
}
