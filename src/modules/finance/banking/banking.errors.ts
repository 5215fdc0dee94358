import { AppError, type FieldError } from '../../../platform/errors/app-error.js';

export type BankingErrorCode =
  | 'bank-statement-malformed'
  | 'bank-statement-duplicate'
  | 'bank-statement-unbalanced'
  | 'bank-statement-wrong-account'
  | 'bank-statement-finished'
  | 'bank-statement-not-balanced'
  | 'bank-line-reconciled'
  | 'bank-line-not-reconciled'
  | 'bank-match-mismatch'
  | 'bank-account-invalid'
  | 'csv-mapping-missing';

const unprocessable = (code: BankingErrorCode, title: string, detail: string, errors?: FieldError[]) =>
  new AppError(code, 422, title, { detail, ...(errors ? { errors } : {}) });

export interface DuplicateLine {
  lineNo: number;
  bookingDate: string;
  amount: string;
  reference: string;
  /** The statement that holds the line already. */
  statementId: string;
}

export const bankingErrors = {
  malformed: (detail: string, path = 'content') =>
    unprocessable('bank-statement-malformed', 'Statement not readable', detail, [
      { path, message: detail, code: 'bank-statement-malformed' },
    ]),
  duplicate: (lines: DuplicateLine[]) =>
    new AppError('bank-statement-duplicate', 409, 'Statement lines already imported', {
      detail: `${lines.length} line(s) of this statement were imported before (${lines
        .slice(0, 5)
        .map((l) => `line ${l.lineNo}: ${l.bookingDate} ${l.amount}${l.reference ? ` ${l.reference}` : ''}`)
        .join('; ')}${lines.length > 5 ? '; …' : ''}). Nothing was imported.`,
      extensions: { duplicates: lines },
    }),
  unbalanced: (opening: string, sum: string, closing: string) =>
    unprocessable(
      'bank-statement-unbalanced',
      'Statement does not add up',
      `Opening balance ${opening} plus the lines (${sum}) is not the closing balance ${closing}.`,
      [{ path: 'content', message: 'The balances and lines do not add up.', code: 'bank-statement-unbalanced' }],
    ),
  wrongAccount: (detail: string) =>
    unprocessable('bank-statement-wrong-account', 'Statement of another account', detail, [
      { path: 'content', message: detail, code: 'bank-statement-wrong-account' },
    ]),
  finished: () =>
    new AppError('bank-statement-finished', 409, 'Statement finished', {
      detail: 'This statement is finished: reopen it to change its reconciliation.',
    }),
  notBalanced: (reconciled: string, closing: string) =>
    new AppError('bank-statement-not-balanced', 409, 'Reconciliation incomplete', {
      detail: `The reconciled balance ${reconciled} is not the statement's closing balance ${closing}: reconcile every line first.`,
      extensions: { reconciledBalance: reconciled, closingBalance: closing },
    }),
  lineReconciled: () =>
    new AppError('bank-line-reconciled', 409, 'Line already reconciled', {
      detail: 'This statement line is already reconciled (perhaps by someone else just now). Reload it.',
    }),
  lineNotReconciled: () =>
    new AppError('bank-line-not-reconciled', 409, 'Line not reconciled', {
      detail: 'This statement line is not reconciled.',
    }),
  mismatch: (detail: string, path: string) =>
    unprocessable('bank-match-mismatch', 'Match does not fit the line', detail, [
      { path, message: detail, code: 'bank-match-mismatch' },
    ]),
  invalidAccount: (detail: string, path = 'accountId') =>
    unprocessable('bank-account-invalid', 'Not a bank account', detail, [
      { path, message: detail, code: 'bank-account-invalid' },
    ]),
  csvMappingMissing: () =>
    unprocessable(
      'csv-mapping-missing',
      'No CSV mapping',
      'Send a csvMapping, or save one on the bank account first.',
      [{ path: 'csvMapping', message: 'Required for a CSV statement.', code: 'csv-mapping-missing' }],
    ),
} satisfies Record<string, (...args: never[]) => AppError<BankingErrorCode>>;
