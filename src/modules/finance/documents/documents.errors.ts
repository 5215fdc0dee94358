import { AppError } from '../../../platform/errors/app-error.js';

export type DocumentErrorCode =
  | 'document-not-draft'
  | 'document-not-open'
  | 'document-allocated'
  | 'document-empty'
  | 'over-allocation'
  | 'currency-mismatch'
  | 'party-mismatch'
  | 'wrong-party-kind'
  | 'inactive-party'
  | 'unknown-party'
  | 'unknown-document'
  | 'payment-void'
  | 'payment-allocated';

const unprocessable = (code: DocumentErrorCode, title: string, detail: string, path?: string) =>
  new AppError(code, 422, title, { detail, ...(path ? { errors: [{ path, message: detail, code }] } : {}) });

export const documentErrors = {
  notDraft: (number: string | null) =>
    new AppError('document-not-draft', 409, 'Document not a draft', {
      detail: `Document ${number ?? ''} is issued: issued documents never change. Void it or issue a credit note.`,
    }),
  notOpen: (detail: string, path?: string) => unprocessable('document-not-open', 'Document not open', detail, path),
  allocated: () =>
    new AppError('document-allocated', 409, 'Document has allocations', {
      detail: 'Payments or credits are allocated to this document; it cannot be voided. Issue a credit note instead.',
    }),
  empty: () =>
    unprocessable('document-empty', 'Nothing to issue', 'A document with a total of 0 cannot be issued.', 'lines'),
  overAllocation: (detail: string, path: string) => unprocessable('over-allocation', 'Over-allocation', detail, path),
  currencyMismatch: (detail: string, path: string) =>
    unprocessable('currency-mismatch', 'Currency mismatch', detail, path),
  partyMismatch: (detail: string, path: string) => unprocessable('party-mismatch', 'Party mismatch', detail, path),
  wrongPartyKind: (detail: string, path = 'partyId') =>
    unprocessable('wrong-party-kind', 'Wrong kind of party', detail, path),
  inactiveParty: (path = 'partyId') =>
    unprocessable('inactive-party', 'Inactive party', 'This party is deactivated.', path),
  unknownParty: (id: string, path = 'partyId') =>
    unprocessable('unknown-party', 'Unknown party', `No party ${id}.`, path),
  unknownDocument: (id: string, path: string) =>
    unprocessable('unknown-document', 'Unknown document', `No document ${id}.`, path),
  paymentVoid: () => new AppError('payment-void', 409, 'Payment void', { detail: 'This payment was voided.' }),
  paymentAllocated: () =>
    new AppError('payment-allocated', 409, 'Payment allocated', {
      detail: 'Part of this payment is allocated to documents; it cannot be voided.',
    }),
} satisfies Record<string, (...args: never[]) => AppError<DocumentErrorCode>>;
