import { z } from '@hono/zod-openapi';
import { uuid } from '../../../platform/http/schemas.js';

// The `http` step and the `webhook` trigger of a flow's definition (flows/definition.ts adds them to
// its unions; the checks and the running are here and in http-step.ts).

const expression = z.string().trim().min(1).max(4000).openapi({ description: 'A JSONata expression' });
const goto = z.string().regex(/^([a-z][a-z0-9_]{0,62}|end)$/, 'A step id, or "end".');

export const HTTP_MAX_TIMEOUT_MS = 30_000;
export const HTTP_MAX_RESPONSE_BYTES = 1024 * 1024;

export const HttpStep = z.strictObject({
  kind: z.literal('http'),
  id: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]{0,62}$/,
      'A step id is lowercase letters, digits and _ (it names the step in expressions).',
    ),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  url: expression.openapi({ description: 'An expression giving the URL (http or https)' }),
  headers: z
    .record(z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'An HTTP header name.'), expression)
    .optional()
    .openapi({ description: 'Header name → an expression giving its value' }),
  body: expression.optional().openapi({ description: 'An expression giving the JSON body' }),
  credentialId: uuid.optional().openapi({ description: 'A vault credential (bearer, basic, header or hmac)' }),
  timeoutMs: z.number().int().min(100).max(HTTP_MAX_TIMEOUT_MS).default(10_000),
  maxResponseBytes: z.number().int().min(1).max(HTTP_MAX_RESPONSE_BYTES).default(HTTP_MAX_RESPONSE_BYTES),
  expectStatus: z
    .array(z.number().int().min(100).max(599))
    .min(1)
    .max(50)
    .optional()
    .openapi({ description: 'Statuses that count as success (default: any 2xx)' }),
  /** Where a failed request (another status, a timeout, a refused address) goes; without it the run fails. */
  onError: goto.optional(),
  next: goto.optional(),
});
export type HttpStepDefinition = z.output<typeof HttpStep>;

export const WebhookTrigger = z.strictObject({
  kind: z.literal('webhook'),
  credentialId: uuid.openapi({
    description: 'An hmac vault credential: POST /hooks/{flowId} must be signed with it (Standard Webhooks)',
  }),
});

/** The checks beyond the schema: expressions parse (paths under the step; `next`/`onError` are checked with every step's). */
export function checkHttpStep(
  step: HttpStepDefinition,
  at: string,
  expr: (path: string, text: string | undefined) => void,
): void {
  expr(`${at}.url`, step.url);
  for (const [name, text] of Object.entries(step.headers ?? {})) expr(`${at}.headers.${name}`, text);
  expr(`${at}.body`, step.body);
}
