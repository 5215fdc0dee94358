import { z } from '@hono/zod-openapi';

const address = z.email('Not a valid email address.').max(254);

/**
 * The body of "send this document by email" (Finance's invoices and statements, and other modules'
 * commercial documents through `sendCommercialDocument`): recipients, a one-line subject (no control
 * characters: no header injection) and the mail text, each defaulting as the route describes.
 */
export function sendDocumentBody(name: string, defaults: { to: string; subject: string; message: string }) {
  return z
    .strictObject({
      to: z.array(address).min(1).max(10).optional().openapi({ description: defaults.to }),
      cc: z.array(address).max(10).optional(),
      subject: z
        .string()
        .trim()
        .min(1)
        .max(200)
        // eslint-disable-next-line no-control-regex -- refusing control characters (header injection)
        .regex(/^[^\x00-\x1f\x7f]*$/, 'One line, no control characters.')
        .optional()
        .openapi({ description: defaults.subject }),
      message: z.string().max(4000).optional().openapi({ description: defaults.message }),
    })
    .openapi(name);
}
