import { z } from '@hono/zod-openapi';
import { isoDate } from '../../../platform/http/schemas.js';
import { versionField } from '../../../platform/http/versioning.js';

const TREATMENTS = ['standard', 'exempt', 'zero-rated', 'reverse-charge'] as const;
const box = z.string().trim().max(20).openapi({ example: '1' });

/** A tax rate as a decimal fraction string: "0.2" is 20 %, up to 6 decimals. */
export const taxRate = z
  .string({ error: 'Send the rate as a decimal fraction string, e.g. "0.2" for 20 %.' })
  .regex(
    /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/,
    'A rate is a decimal fraction from 0 to 1 with up to 6 decimals, e.g. "0.2" for 20 %.',
  )
  .openapi({ example: '0.2' });

const Component = z.strictObject({
  taxCodeId: z.uuid({ message: 'Not a valid tax code id.' }),
  compound: z
    .boolean()
    .default(false)
    .openapi({ description: 'Charged on the net plus the taxes before it in the group' }),
});

const taxCodeFields = {
  code: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z._-]{0,29}$/, 'A code is 1–30 letters, digits, ".", "_" or "-".')
    .openapi({ example: 'VAT20' }),
  name: z.string().trim().min(1, 'Required.').max(200),
  kind: z.enum(['sales', 'purchase']),
  rate: taxRate.optional().openapi({ description: 'Default 0 (exempt and zero-rated codes are always 0)' }),
  treatment: z.enum(TREATMENTS).optional().openapi({ description: 'Default standard' }),
  exemptReason: z
    .string()
    .trim()
    .max(500)
    .optional()
    .openapi({ description: 'Required for exempt and zero-rated codes: the legal reason printed on the document' }),
  accountId: z.uuid().nullable().optional().openapi({
    description: 'The tax account; defaults to the tax-payable (sales) / tax-receivable (purchase) account',
  }),
  reverseAccountId: z
    .uuid()
    .nullable()
    .optional()
    .openapi({ description: 'Reverse charge: the output account of the self-assessed tax (default tax-payable)' }),
  netBox: box.optional().openapi({ description: 'The return box of the taxable amount' }),
  taxBox: box.optional().openapi({ description: 'The return box of the tax (input tax, for reverse charge)' }),
  reverseTaxBox: box.optional().openapi({ description: 'Reverse charge: the box of the self-assessed output tax' }),
  components: z
    .array(Component)
    .max(10)
    .optional()
    .openapi({ description: 'A group: its component codes in order (the group itself has no rate)' }),
};
export const CreateTaxCodeBody = z.strictObject(taxCodeFields).openapi('CreateTaxCodeRequest');
export const UpdateTaxCodeBody = z
  .strictObject(taxCodeFields)
  .omit({ kind: true, code: true })
  .partial()
  .extend({ active: z.boolean().optional(), version: versionField })
  .openapi('UpdateTaxCodeRequest');

export const TaxCode = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(['sales', 'purchase']),
    isGroup: z.boolean(),
    rate: z.string().openapi({ description: 'A decimal fraction: "0.2" is 20 %' }),
    treatment: z.enum(TREATMENTS),
    exemptReason: z.string(),
    accountId: z.string().nullable(),
    reverseAccountId: z.string().nullable(),
    netBox: z.string(),
    taxBox: z.string(),
    reverseTaxBox: z.string(),
    components: z.array(z.object({ taxCodeId: z.string(), code: z.string(), compound: z.boolean() })),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi('TaxCode');
export const TaxCodeList = z.object({ items: z.array(TaxCode) }).openapi('TaxCodeList');

const positionFields = {
  name: z.string().trim().min(1, 'Required.').max(200),
  kind: z.enum(['domestic', 'intra-eu', 'export']),
  mappings: z
    .array(z.strictObject({ fromTaxCodeId: z.uuid(), toTaxCodeId: z.uuid() }))
    .max(200)
    .default([])
    .openapi({ description: 'Each code a party of this position would get, and the code it gets instead' }),
};
export const CreateFiscalPositionBody = z.strictObject(positionFields).openapi('CreateFiscalPositionRequest');
export const UpdateFiscalPositionBody = z
  .strictObject(positionFields)
  .partial()
  .extend({ version: versionField })
  .openapi('UpdateFiscalPositionRequest');
export const FiscalPosition = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(['domestic', 'intra-eu', 'export']),
    mappings: z.array(z.object({ fromTaxCodeId: z.string(), toTaxCodeId: z.string() })),
    version: z.number().int(),
  })
  .openapi('FiscalPosition');
export const FiscalPositionList = z.object({ items: z.array(FiscalPosition) }).openapi('FiscalPositionList');

export const PartyFiscalPositionBody = z
  .strictObject({ fiscalPositionId: z.uuid().nullable(), version: versionField })
  .openapi('PartyFiscalPositionRequest');
export const PartyFiscalPosition = z
  .object({ partyId: z.string(), fiscalPositionId: z.string().nullable(), version: z.number().int() })
  .openapi('PartyFiscalPosition');

export const AccountTaxDefaultBody = z
  .strictObject({ taxCodeId: z.uuid().nullable() })
  .openapi('AccountTaxDefaultRequest');
export const AccountTaxDefaults = z
  .object({ items: z.array(z.object({ accountId: z.string(), taxCodeId: z.string() })) })
  .openapi('AccountTaxDefaults');
export const AccountIdParam = z.object({ accountId: z.uuid({ message: 'Not a valid account id.' }) });

// The tax return

export const TaxReturnQuery = z.object({ from: isoDate, to: isoDate });
export const TaxReturnDocumentsQuery = TaxReturnQuery.extend({
  taxCodeId: z.string().optional().openapi({ description: 'A code id, or "none" for lines with no code' }),
  box: z.string().max(20).optional(),
});
const codeRow = z.object({
  taxCodeId: z.string().nullable(),
  code: z.string(),
  name: z.string(),
  treatment: z.enum(TREATMENTS),
  rate: z.string(),
  side: z.enum(['output', 'input']),
  selfAssessed: z.boolean(),
  box: z.string(),
  netBox: z.string(),
  base: z.string().openapi({ description: 'Taxable amount (base currency)' }),
  tax: z.string(),
  documents: z.number().int(),
});
export const TaxReturnReport = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    filedReturnId: z.string().nullable().openapi({ description: 'The filed return of exactly this period, if any' }),
    codes: z.array(codeRow),
    boxes: z.array(z.object({ box: z.string(), amount: z.string() })),
    outputTax: z.string(),
    inputTax: z.string(),
    netPayable: z.string().openapi({ description: 'Output − input tax' }),
    accounts: z
      .array(
        z.object({
          accountId: z.string(),
          code: z.string(),
          name: z.string(),
          fromDocuments: z.string().openapi({ description: 'Credit-positive: output − input' }),
          ledger: z.string().openapi({ description: "The account's movement in the period (credit − debit)" }),
          difference: z.string(),
        }),
      )
      .openapi({ description: "Tie-out: the return against the tax accounts' movements" }),
  })
  .openapi('TaxReturnReport');
export const TaxReturnDocuments = z
  .object({
    items: z.array(
      z.object({
        documentId: z.string(),
        kind: z.string(),
        number: z.string().nullable(),
        date: z.string().openapi({ description: 'The date it counts on: the document date, or the void date' }),
        partyName: z.string(),
        voided: z.boolean().openapi({ description: 'The reversal of a voided document (negative)' }),
        code: z.string(),
        box: z.string(),
        base: z.string(),
        tax: z.string(),
      }),
    ),
  })
  .openapi('TaxReturnDocuments');
export const FileTaxReturnBody = z.strictObject({ from: isoDate, to: isoDate }).openapi('FileTaxReturnRequest');
export const TaxReturn = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string(),
    status: z.literal('filed'),
    outputTax: z.string(),
    inputTax: z.string(),
    netPayable: z.string(),
    filedAt: z.iso.datetime(),
    report: TaxReturnReport,
  })
  .openapi('TaxReturn');
export const TaxReturnList = z.object({ items: z.array(TaxReturn.omit({ report: true })) }).openapi('TaxReturnList');

export type CreateTaxCodeInput = z.output<typeof CreateTaxCodeBody>;
export type UpdateTaxCodeInput = z.output<typeof UpdateTaxCodeBody>;
export type TaxReturnReportDto = z.output<typeof TaxReturnReport>;
