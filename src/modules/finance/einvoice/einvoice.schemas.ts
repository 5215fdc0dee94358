import { z } from '@hono/zod-openapi';
import { versionField } from '../../../platform/http/versioning.js';
import { rateString } from '../money.js';

/** Text that may be empty ("" clears it), trimmed, at most `max` characters. */
const text = (max: number) => z.string().trim().max(max);
const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2})?$/, 'An ISO 3166-1 alpha-2 country code, e.g. "DE" (or "" to clear it).')
  .openapi({ example: 'BE' });
const endpointScheme = z
  .string()
  .trim()
  .regex(/^(\d{4})?$/, 'A Peppol EAS code of four digits, e.g. "0208" or "9930" (or "" to clear it).')
  .openapi({ example: '0208' });
const endpointId = text(100)
  .regex(/^[^\s]*$/, 'An endpoint id has no spaces.')
  .openapi({ example: '0123456789' });

const addressFields = {
  street: text(200),
  city: text(100),
  postalZone: text(20),
  countryCode,
  endpointScheme: endpointScheme.openapi({ description: 'Peppol electronic address scheme (EAS), e.g. 0208, 0088' }),
  endpointId: endpointId.openapi({ description: 'Peppol electronic address (the participant id within the scheme)' }),
};

export const PartyEinvoice = z
  .object({
    partyId: z.string(),
    vatId: z.string().nullable().openapi({ description: "The party's taxId (set it on the party)" }),
    street: z.string(),
    city: z.string(),
    postalZone: z.string(),
    countryCode: z.string(),
    endpointScheme: z.string(),
    endpointId: z.string(),
    version: z.number().int().openapi({ description: "The party's version" }),
  })
  .openapi('PartyEinvoice');
export const PartyEinvoiceBody = z
  .strictObject(addressFields)
  .partial()
  .extend({ version: versionField.openapi({ description: "The party's version you last read" }) })
  .openapi('PartyEinvoiceRequest');

export const ImportUblBody = z
  .strictObject({
    xml: z
      .string()
      .min(1, 'Send the UBL invoice as XML text.')
      .max(1_000_000, 'A UBL invoice of at most 1,000,000 characters.')
      .optional()
      .openapi({ description: 'The UBL 2.1 Invoice document (XML text, UTF-8); or attachmentId' }),
    attachmentId: z.uuid({ message: 'Not a valid attachment id.' }).optional().openapi({
      description:
        'Or: an XML file uploaded to the e-invoice inbox (POST /api/v1/files/uploads with recordType finance.einvoice-inbox and recordId 00000000-0000-4000-8000-0000000e1b0c)',
    }),
    exchangeRate: rateString
      .optional()
      .openapi({ description: 'Base currency per unit: required when the invoice is in a foreign currency' }),
  })
  .refine((b) => (b.xml === undefined) !== (b.attachmentId === undefined), {
    message: 'Send either xml or attachmentId.',
    path: ['xml'],
  })
  .openapi('ImportUblRequest');

export type PartyEinvoiceInput = z.output<typeof PartyEinvoiceBody>;
export type ImportUblInput = z.output<typeof ImportUblBody>;
