import { AppError, type FieldError } from '../../../platform/errors/app-error.js';

export type EinvoiceErrorCode =
  | 'einvoice-incomplete'
  | 'einvoice-unsupported'
  | 'ubl-malformed'
  | 'ubl-unsupported'
  | 'ubl-supplier-unknown'
  | 'ubl-supplier-ambiguous'
  | 'ubl-wrong-buyer'
  | 'ubl-tax-category'
  | 'ubl-totals-mismatch'
  | 'ubl-duplicate';

const unprocessable = (code: EinvoiceErrorCode, title: string, detail: string, errors?: FieldError[]) =>
  new AppError(code, 422, title, { detail, ...(errors ? { errors: errors.map((e) => ({ ...e, code })) } : {}) });

export const einvoiceErrors = {
  /** Export: what the company profile or the customer lacks for a Peppol BIS invoice. */
  incomplete: (missing: FieldError[]) =>
    unprocessable(
      'einvoice-incomplete',
      'E-invoice details missing',
      `A Peppol BIS invoice needs: ${missing.map((m) => m.message).join('; ')}.`,
      missing,
    ),
  /** Export: a document that UBL (one VAT rate per line) cannot carry as it is. */
  unsupported: (detail: string, path?: string) =>
    unprocessable(
      'einvoice-unsupported',
      'Not expressible as a Peppol BIS invoice',
      detail,
      path ? [{ path, message: detail }] : undefined,
    ),
  malformed: (detail: string) => unprocessable('ubl-malformed', 'Malformed UBL document', detail),
  notSupported: (detail: string, path?: string) =>
    unprocessable(
      'ubl-unsupported',
      'UBL content not supported',
      detail,
      path ? [{ path, message: detail }] : undefined,
    ),
  supplierUnknown: (detail: string, errors: FieldError[]) =>
    unprocessable('ubl-supplier-unknown', 'Supplier not found', detail, errors),
  supplierAmbiguous: (detail: string) => unprocessable('ubl-supplier-ambiguous', 'Supplier ambiguous', detail),
  wrongBuyer: (detail: string) => unprocessable('ubl-wrong-buyer', 'Invoice addressed to another buyer', detail),
  taxCategory: (detail: string, path: string) =>
    unprocessable('ubl-tax-category', 'No tax code for a tax category', detail, [{ path, message: detail }]),
  totalsMismatch: (detail: string) => unprocessable('ubl-totals-mismatch', 'Totals do not match', detail),
  duplicate: (detail: string, billId: string) =>
    new AppError('ubl-duplicate', 409, 'Invoice already imported', { detail, extensions: { billId } }),
} satisfies Record<string, (...args: never[]) => AppError<EinvoiceErrorCode>>;
