import { hasPermission } from '../../../platform/auth/actor.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors/app-error.js';
import { actorOf } from '../../auth/index.js';
import { now } from '../engine/clock.js';
import { evaluate } from '../engine/expressions.js';
import { CredentialUnreadable, loadCredential, secretStrings } from '../vault/vault.service.js';
import { signedHeaders } from '../webhooks/signature.js';
import type { HttpStepDefinition } from './http-step.schema.js';
import { OutboundError, safeRequest } from './safe-request.js';

/** A failure that retrying cannot fix (the engine fails the run at once: a 4xx AppError). */
const permanentFailure = (detail: string) => new AppError('http-step-failed', 422, 'HTTP step failed', { detail });

export const REDACTED = '[redacted]';
/** Headers whose values are never stored in a run's data, whatever they hold. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

/** `value` with every occurrence of a secret replaced (deeply: strings, arrays, objects). */
export function redact(value: unknown, secrets: readonly string[]): unknown {
  const live = secrets.filter((s) => s.length >= 4);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return live.reduce((text, s) => text.split(s).join(REDACTED), v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return live.length === 0 ? value : walk(value);
}

function redactHeaders(headers: Record<string, string>, extra: ReadonlySet<string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      SECRET_HEADERS.has(k.toLowerCase()) || extra.has(k.toLowerCase()) ? REDACTED : v,
    ]),
  );
}

const REQUEST_OWN_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);
const KEPT_RESPONSE_HEADERS = ['content-type', 'content-length', 'location', 'etag', 'last-modified', 'retry-after'];

export interface HttpStepResult {
  input: unknown;
  output: unknown;
  next: string | null;
  /** Set when the failure went to the step's `onError` (the expressions' `error` after it). */
  error?: { message: string; code: string };
}

/**
 * Runs an `http` step: evaluates the URL, headers and body, adds the credential (its run-as user
 * must hold `automation:admin`: a credential's secret goes to the URL the flow names), sends the
 * request through the SSRF guard and records the request and response with every secret redacted.
 * A status outside `expectStatus` (default 2xx) or a failed request goes to `onError` when the step
 * has one (its output then says why); otherwise a 5xx, 429, a timeout or a broken connection is tried
 * again by the engine and anything else fails the run.
 */
export async function runHttpStep(
  trx: Db,
  exec: { id: string; run_as_user_id: string },
  step: HttpStepDefinition,
  ctx: Record<string, unknown>,
  resolveNext: (target: string | undefined) => string | null,
  options: { dryRun?: boolean } = {},
): Promise<HttpStepResult> {
  const url = await evaluate(step.url, ctx);
  if (typeof url !== 'string') throw permanentFailure(`The URL expression gave ${JSON.stringify(url)}, not a text.`);
  const headers: Record<string, string> = {};
  for (const [name, text] of Object.entries(step.headers ?? {})) {
    const value = await evaluate(text, ctx);
    if (value === undefined || value === null) continue;
    const str = typeof value === 'string' ? value : JSON.stringify(value);
    if (/[\r\n]/.test(str)) throw permanentFailure(`The header ${name} may not contain a line break.`);
    if (REQUEST_OWN_HEADERS.has(name.toLowerCase())) continue; // set by the request itself
    headers[name.toLowerCase()] = str;
  }
  let body: string | undefined;
  let bodyValue: unknown;
  if (step.body !== undefined) {
    bodyValue = (await evaluate(step.body, ctx)) ?? null;
    body = JSON.stringify(bodyValue);
    headers['content-type'] ??= 'application/json';
  }
  headers.accept ??= 'application/json, text/plain;q=0.9, */*;q=0.5';
  headers['user-agent'] = 'MOMS-Automation/1';
  headers['idempotency-key'] = `${exec.id}:${step.id}`;

  const secrets: string[] = [];
  const extraSecretHeaders = new Set<string>();
  if (step.credentialId) {
    const actor = await actorOf(trx, exec.run_as_user_id);
    if (!actor || !hasPermission(actor, 'automation:admin'))
      throw permanentFailure(
        `The run-as user lacks the permission automation:admin, which using the stored credential ${step.credentialId} needs.`,
      );
    const credential = await loadCredential(trx, step.credentialId).catch((error: unknown) => {
      throw error instanceof CredentialUnreadable ? permanentFailure(error.message) : error;
    });
    if (!credential) throw permanentFailure(`No credential has the id ${step.credentialId}.`);
    const s = credential.secret;
    secrets.push(...secretStrings(s));
    switch (s.type) {
      case 'bearer':
        headers.authorization = `Bearer ${s.token}`;
        break;
      case 'basic':
        headers.authorization = `Basic ${Buffer.from(`${s.username}:${s.password}`).toString('base64')}`;
        break;
      case 'header':
        headers[s.header.toLowerCase()] = s.value;
        extraSecretHeaders.add(s.header.toLowerCase());
        break;
      case 'hmac':
        Object.assign(
          headers,
          signedHeaders(
            s.secret!,
            `msg_${exec.id.replaceAll('-', '')}_${step.id}`,
            Math.floor(now().getTime() / 1000),
            body ?? '',
          ),
        );
        break;
    }
  }
  const input = redact(
    { method: step.method, url, headers: redactHeaders(headers, extraSecretHeaders), body: bodyValue ?? null },
    secrets,
  );
  // A test run (engine/dry-run.ts): everything but the request.
  if (options.dryRun)
    return {
      input,
      output: { dryRun: true, wouldCall: `${step.method} ${String(redact(url, secrets))}`, input },
      next: resolveNext(step.next),
    };
  const expected = (status: number) =>
    step.expectStatus ? step.expectStatus.includes(status) : status >= 200 && status < 300;
  const started = Date.now();
  const fail = (message: string, extra: Record<string, unknown>, transient: boolean): HttpStepResult => {
    if (step.onError !== undefined)
      return {
        input,
        output: redact({ ok: false, error: message, ...extra }, secrets),
        next: resolveNext(step.onError),
        error: {
          message: String(redact(message, secrets)),
          code: typeof extra.reason === 'string' ? extra.reason : `http-${String(extra.status ?? 'error')}`,
        },
      };
    if (transient) throw new Error(message);
    throw permanentFailure(message);
  };
  let res;
  try {
    res = await safeRequest({
      method: step.method,
      url,
      headers,
      body,
      timeoutMs: step.timeoutMs,
      maxBytes: step.maxResponseBytes,
      sensitiveHeaders: [...extraSecretHeaders],
    });
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    return fail(
      String(redact(error.message, secrets)),
      { reason: error.reason, durationMs: Date.now() - started },
      error.reason === 'timeout' || error.reason === 'network',
    );
  }
  const text = res.body.toString('utf8');
  let responseBody: unknown = text;
  if (/\bjson\b/i.test(res.headers['content-type'] ?? '') && text) {
    try {
      responseBody = JSON.parse(text);
    } catch {
      responseBody = text;
    }
  }
  const output = redact(
    {
      ok: expected(res.status),
      status: res.status,
      headers: Object.fromEntries(KEPT_RESPONSE_HEADERS.flatMap((h) => (res.headers[h] ? [[h, res.headers[h]]] : []))),
      body: responseBody,
      url: res.url,
      durationMs: Date.now() - started,
    },
    secrets,
  ) as Record<string, unknown>;
  if (!expected(res.status)) {
    const message = `${step.method} ${String(redact(res.url, secrets))} answered ${res.status}, which the step does not expect.`;
    return fail(message, { status: res.status, body: output.body }, res.status >= 500 || res.status === 429);
  }
  return { input, output, next: resolveNext(step.next) };
}
