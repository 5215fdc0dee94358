import { z } from '@hono/zod-openapi';
import { versionField } from '../../../platform/http/versioning.js';
import { isValidIban } from './rf-reference.js';
import { DOCUMENT_PLACEHOLDERS, STATEMENT_PLACEHOLDERS, unknownPlaceholders } from './template-text.js';

/**
 * Finance's one company profile: who the company is (letterhead, e-invoice seller and buyer), how
 * it is paid (payment block, EPC QR code, UBL payment means), its Peppol endpoint, and the editable
 * texts and logo of its documents and their emails.
 */
export const CompanyProfile = z
  .object({
    legalName: z.string().openapi({ description: 'Legal name: letterhead, e-invoice party name' }),
    vatId: z
      .string()
      .openapi({ description: 'VAT id with its country prefix (letters and digits), e.g. BE0123456749' }),
    registration: z
      .string()
      .openapi({ description: 'Company registration (register and number): letterhead, UBL CompanyID' }),
    street: z.string(),
    city: z.string(),
    postalZone: z.string(),
    countryCode: z.string().openapi({ description: 'ISO 3166-1 alpha-2, e.g. BE' }),
    email: z.string(),
    phone: z.string(),
    bankName: z.string(),
    iban: z.string(),
    bic: z.string(),
    endpointScheme: z.string().openapi({ description: 'Peppol electronic address scheme (EAS), e.g. 0208, 9930' }),
    endpointId: z.string().openapi({ description: 'Peppol electronic address (the participant id within the scheme)' }),
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
  .openapi('CompanyProfile');

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

export const UpdateCompanyProfileBody = z
  .strictObject({
    version: versionField,
    legalName: oneLine(200).optional(),
    vatId: oneLine(50)
      .transform((v) => v.replace(/[^A-Za-z0-9]/g, '').toUpperCase())
      .optional()
      .openapi({ description: 'Spaces, dots and dashes are dropped; upper case', example: 'BE0123456749' }),
    registration: oneLine(200).optional(),
    street: oneLine(200).optional(),
    city: oneLine(100).optional(),
    postalZone: oneLine(20).optional(),
    countryCode: oneLine(2)
      .toUpperCase()
      .regex(/^([A-Z]{2})?$/, 'An ISO 3166-1 alpha-2 country code, e.g. "DE" (or "" to clear it).')
      .optional()
      .openapi({ example: 'BE' }),
    email: z.union([z.literal(''), z.email('Not a valid email address.').max(254)]).optional(),
    phone: oneLine(50).optional(),
    bankName: oneLine(100).optional(),
    iban: oneLine(42)
      .transform((v) => v.replace(/\s+/g, '').toUpperCase())
      .refine((v) => v === '' || isValidIban(v), 'Not a valid IBAN (its form or check digits).')
      .optional()
      .openapi({ example: 'BE71096123456769' }),
    bic: oneLine(11)
      .toUpperCase()
      .refine((v) => v === '' || /^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(v), 'A BIC of 8 or 11 characters.')
      .optional(),
    endpointScheme: oneLine(4)
      .regex(/^(\d{4})?$/, 'A Peppol EAS code of four digits, e.g. "0208" or "9930" (or "" to clear it).')
      .optional()
      .openapi({ example: '0208' }),
    endpointId: oneLine(100)
      .regex(/^[^\s]*$/, 'An endpoint id has no spaces.')
      .optional()
      .openapi({ example: '0123456749' }),
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
  .openapi('UpdateCompanyProfileRequest');
export type UpdateCompanyProfileInput = z.output<typeof UpdateCompanyProfileBody>;
export type CompanyProfileDto = z.input<typeof CompanyProfile>;
