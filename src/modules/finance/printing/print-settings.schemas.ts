import { z } from '@hono/zod-openapi';
import { versionField } from '../../../platform/http/versioning.js';
import { isValidIban } from './rf-reference.js';
import { DOCUMENT_PLACEHOLDERS, STATEMENT_PLACEHOLDERS, unknownPlaceholders } from './template-text.js';

/** The company's details and the editable texts printed on documents and used in their emails. */
export const PrintSettings = z
  .object({
    companyName: z.string(),
    address: z.string().openapi({ description: 'Lines separated by newlines' }),
    taxId: z.string().openapi({ description: 'VAT / tax number printed on documents' }),
    registration: z.string().openapi({ description: 'Company registration (register and number)' }),
    email: z.string(),
    phone: z.string(),
    bankName: z.string(),
    iban: z.string(),
    bic: z.string(),
    headerText: z.string(),
    footerText: z.string(),
    paymentText: z.string(),
    emailSubject: z.string(),
    emailBody: z.string(),
    statementEmailSubject: z.string(),
    statementEmailBody: z.string(),
    logo: z
      .object({ attachmentId: z.string(), contentType: z.string() })
      .nullable()
      .openapi({ description: 'The logo: a PNG or JPEG attachment on the finance.company record' }),
    companyRecordId: z
      .string()
      .openapi({ description: 'The recordId to upload the logo to (recordType finance.company)' }),
    placeholders: z.object({ document: z.array(z.string()), statement: z.array(z.string()) }),
    version: z.number().int(),
  })
  .openapi('PrintSettings');

const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters
    .regex(/^[^\x00-\x1f\x7f]*$/, 'One line, no control characters.');
const multiLine = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex -- refusing control characters other than newlines and tabs
    .regex(/^[^\x00-\x08\x0b-\x1f\x7f]*$/, 'No control characters.');

const withPlaceholders = <S extends z.ZodString>(schema: S, allowed: readonly string[]) =>
  schema.superRefine((text, ctx) => {
    const unknown = unknownPlaceholders(text, allowed);
    if (unknown.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `Unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${allowed.map((a) => `{{${a}}}`).join(', ')}.`,
      });
  });

export const UpdatePrintSettingsBody = z
  .strictObject({
    version: versionField,
    companyName: oneLine(200).optional(),
    address: multiLine(1000).optional(),
    taxId: oneLine(50).optional(),
    registration: oneLine(200).optional(),
    email: z.union([z.literal(''), z.email('Not a valid email address.').max(254)]).optional(),
    phone: oneLine(50).optional(),
    bankName: oneLine(100).optional(),
    iban: oneLine(42)
      .refine((v) => v === '' || isValidIban(v), 'Not a valid IBAN (its form or check digits).')
      .optional(),
    bic: oneLine(11)
      .refine((v) => v === '' || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), 'A BIC of 8 or 11 characters.')
      .optional(),
    headerText: withPlaceholders(multiLine(1000), DOCUMENT_PLACEHOLDERS).optional(),
    footerText: withPlaceholders(multiLine(1000), DOCUMENT_PLACEHOLDERS).optional(),
    paymentText: withPlaceholders(multiLine(1000), DOCUMENT_PLACEHOLDERS).optional(),
    emailSubject: withPlaceholders(oneLine(200), DOCUMENT_PLACEHOLDERS).optional(),
    emailBody: withPlaceholders(multiLine(4000), DOCUMENT_PLACEHOLDERS).optional(),
    statementEmailSubject: withPlaceholders(oneLine(200), STATEMENT_PLACEHOLDERS).optional(),
    statementEmailBody: withPlaceholders(multiLine(4000), STATEMENT_PLACEHOLDERS).optional(),
    logoAttachmentId: z
      .uuid()
      .nullable()
      .optional()
      .openapi({ description: 'A PNG or JPEG attachment on the finance.company record; null removes the logo' }),
  })
  .openapi('UpdatePrintSettingsRequest');
export type UpdatePrintSettingsInput = z.output<typeof UpdatePrintSettingsBody>;
export type PrintSettingsDto = z.input<typeof PrintSettings>;
