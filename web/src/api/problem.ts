/** One invalid field of a problem+json `errors` list (see src/platform/http/problem.ts). */
export interface FieldError {
  /** Dotted path of the field in the request body, e.g. `email` or `lines.0.amount`; '' for the body itself. */
  path: string;
  message: string;
  code?: string;
}

/** The RFC 9457 document every MOMS API error answers with. Extra members (e.g. `currentVersion`) may follow. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://moms.dev/problems/';

/**
 * An API error as a thrown value. `code` is the stable problem type without its base URL
 * (`validation-failed`, `version-conflict`, `forbidden`, `not-found`, `conflict`, …).
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type: string;
  readonly code: string;
  readonly errors: FieldError[];
  readonly problem: ProblemDocument;

  constructor(problem: ProblemDocument) {
    super(problem.detail || problem.title);
    this.name = 'ProblemError';
    this.problem = problem;
    this.status = problem.status;
    this.title = problem.title;
    this.detail = problem.detail;
    this.type = problem.type;
    this.code = problem.type.startsWith(PROBLEM_BASE) ? problem.type.slice(PROBLEM_BASE.length) : problem.type;
    this.errors = problem.errors ?? [];
  }

  /** Field errors by path (the first message for each path). */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.path] ??= e.message;
    return out;
  }

  /** A stale `version` on an update: reload the record and apply the change again. */
  get isVersionConflict(): boolean {
    return this.code === 'version-conflict';
  }

  /** Builds a ProblemError from any response (problem+json or not) — never throws. */
  static async fromResponse(response: Response, body?: unknown): Promise<ProblemError> {
    let parsed = body;
    if (parsed === undefined) {
      try {
        parsed = await response.clone().json();
      } catch {
        parsed = undefined;
      }
    }
    return ProblemError.from(parsed, response);
  }

  static from(body: unknown, response?: Response): ProblemError {
    if (isProblem(body)) return new ProblemError(body);
    const status = response?.status ?? 0;
    return new ProblemError({
      type: 'about:blank',
      title: response?.statusText || (status ? `HTTP ${status}` : 'Network error'),
      status,
      detail: status ? `The server answered ${status}.` : 'Could not reach the server. Check your connection.',
    });
  }
}

function isProblem(value: unknown): value is ProblemDocument {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'number' && typeof v.title === 'string';
}

/** A human message for anything caught (ProblemError, network error, bug). */
export function errorMessage(error: unknown): string {
  if (error instanceof ProblemError) return error.detail || error.title;
  if (error instanceof Error) return error.message;
  return String(error);
}
