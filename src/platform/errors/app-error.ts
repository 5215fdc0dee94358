export interface FieldError {
  /** JSON path of the offending field, e.g. `lines.0.amount`. Empty for the body itself. */
  path: string;
  message: string;
  code?: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** Extra members of the problem document (must be safe to show to the caller). */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * The one error type the HTTP layer turns into RFC 9457 problem+json. `code` is stable and becomes
 * the problem `type` (https://moms.dev/problems/<code>); modules list theirs in `<module>.errors.ts`.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: Code, status: number, title: string, options: AppErrorOptions = {}) {
    super(title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = status;
    this.detail = options.detail ?? title;
    this.errors = options.errors;
    this.extensions = options.extensions;
    this.headers = options.headers;
  }
}

/** The platform's own codes; modules add theirs. */
export const errors = {
  validation: (errors: FieldError[], detail = 'The request is not valid.') =>
    new AppError('validation-failed', 422, 'Validation failed', { detail, errors }),
  badRequest: (detail: string) => new AppError('bad-request', 400, 'Bad request', { detail }),
  malformedJson: (detail = 'The request body is not valid JSON.') =>
    new AppError('malformed-json', 400, 'Malformed JSON', { detail }),
  unsupportedMediaType: (detail = 'Send the request body as application/json.') =>
    new AppError('unsupported-media-type', 415, 'Unsupported media type', { detail }),
  unauthenticated: (detail = 'Sign in to use this resource.') =>
    new AppError('unauthenticated', 401, 'Unauthenticated', {
      detail,
      headers: { 'WWW-Authenticate': 'Bearer realm="moms"' },
    }),
  forbidden: (permission: string) =>
    new AppError('forbidden', 403, 'Forbidden', {
      detail: `You need the permission "${permission}" to do this.`,
      extensions: { requiredPermission: permission },
    }),
  /** 422 on a request field that names a record which does not exist (or the caller may not see). */
  invalidReference: (path: string, entity: string, id: string) =>
    new AppError('invalid-reference', 422, 'Invalid reference', {
      detail: `${entity} ${id} does not exist or you cannot see it.`,
      errors: [{ path, message: `No ${entity.toLowerCase()} ${id} that you can see.`, code: 'invalid_reference' }],
    }),
  notFound: (entity: string, id?: string) =>
    new AppError('not-found', 404, 'Not found', {
      detail: id === undefined ? `${entity} was not found.` : `${entity} ${id} was not found.`,
    }),
  routeNotFound: (method: string, path: string) =>
    new AppError('route-not-found', 404, 'Not found', { detail: `No route for ${method} ${path}.` }),
  methodNotAllowed: (method: string, path: string) =>
    new AppError('method-not-allowed', 405, 'Method not allowed', { detail: `${method} is not allowed on ${path}.` }),
  conflict: (detail: string, extensions?: Record<string, unknown>) =>
    new AppError('conflict', 409, 'Conflict', { detail, ...(extensions ? { extensions } : {}) }),
  versionConflict: (entity: string, expected: number, actual: number) =>
    new AppError('version-conflict', 409, 'Version conflict', {
      detail: `${entity} was changed by someone else (you sent version ${expected}, it is now at ${actual}). Reload it and apply your change again.`,
      extensions: { currentVersion: actual },
    }),
  payloadTooLarge: (limitBytes: number) =>
    new AppError('payload-too-large', 413, 'Payload too large', {
      detail: `The request body is larger than ${limitBytes} bytes.`,
    }),
  tooManyRequests: (detail: string, retryAfterSeconds: number) =>
    new AppError('too-many-requests', 429, 'Too many requests', {
      detail,
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  internal: (cause?: unknown) =>
    new AppError('internal', 500, 'Internal server error', {
      detail: 'Something went wrong on our side. The request id identifies it in our logs.',
      cause,
    }),
} as const;
