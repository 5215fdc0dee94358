import { AppError } from '../../platform/errors/app-error.js';

export type FinanceErrorCode =
  | 'unbalanced-entry'
  | 'period-closed'
  | 'unknown-account'
  | 'inactive-account'
  | 'group-account'
  | 'account-in-use'
  | 'account-code-taken'
  | 'entry-posted'
  | 'entry-not-posted'
  | 'entry-already-reversed'
  | 'wrong-currency'
  | 'too-many-decimals'
  | 'base-currency-locked'
  | 'year-not-closable'
  | 'invalid-parent'
  | 'control-account'
  | 'wrong-account-type'
  | 'earlier-year-open';

const unprocessable = (code: FinanceErrorCode, title: string, detail: string, path?: string) =>
  new AppError(code, 422, title, { detail, ...(path ? { errors: [{ path, message: detail, code }] } : {}) });

export const financeErrors = {
  unbalanced: (debit: string, credit: string) =>
    unprocessable(
      'unbalanced-entry',
      'Entry does not balance',
      `Debits (${debit}) and credits (${credit}) must be equal.`,
      'lines',
    ),
  periodClosed: (date: string) =>
    unprocessable(
      'period-closed',
      'Period closed',
      `The accounting period of ${date} is closed: post into an open period.`,
      'date',
    ),
  unknownAccount: (id: string, path: string) =>
    unprocessable('unknown-account', 'Unknown account', `No account ${id}.`, path),
  inactiveAccount: (code: string, path: string) =>
    unprocessable('inactive-account', 'Inactive account', `Account ${code} is deactivated.`, path),
  groupAccount: (code: string, path: string) =>
    unprocessable(
      'group-account',
      'Group account',
      `Account ${code} groups other accounts: post to one of them instead.`,
      path,
    ),
  accountInUse: (code: string, why: string) =>
    new AppError('account-in-use', 409, 'Account in use', { detail: `Account ${code} ${why}: deactivate it instead.` }),
  accountCodeTaken: (code: string) =>
    new AppError('account-code-taken', 409, 'Account code taken', {
      detail: `An account with code ${code} already exists.`,
    }),
  entryPosted: () =>
    new AppError('entry-posted', 409, 'Entry posted', {
      detail: 'A posted entry cannot be changed or deleted. Reverse it and post a correction.',
    }),
  entryNotPosted: () =>
    new AppError('entry-not-posted', 409, 'Entry not posted', { detail: 'Only a posted entry can be reversed.' }),
  alreadyReversed: (by: string) =>
    new AppError('entry-already-reversed', 409, 'Already reversed', {
      detail: `This entry was already reversed by entry ${by}.`,
    }),
  wrongCurrency: (detail: string, path: string) => unprocessable('wrong-currency', 'Wrong currency', detail, path),
  tooManyDecimals: (amount: string, currency: string, path: string) =>
    unprocessable(
      'too-many-decimals',
      'Too many decimals',
      `${amount} has more decimals than ${currency} allows.`,
      path,
    ),
  baseCurrencyLocked: () =>
    new AppError('base-currency-locked', 409, 'Base currency locked', {
      detail: 'The base currency cannot change once entries have been posted.',
    }),
  yearNotClosable: (detail: string) => new AppError('year-not-closable', 409, 'Year cannot be closed', { detail }),
  invalidParent: (detail: string) => unprocessable('invalid-parent', 'Invalid parent account', detail, 'parentId'),
  booksClosed: (date: string, through: string, path = 'date') =>
    unprocessable(
      'period-closed',
      'Period closed',
      `The books are closed up to ${through} (a closed year end): nothing dated ${date} can be posted or changed.`,
      path,
    ),
  earlierYearOpen: (year: number, open: number[]) =>
    unprocessable(
      'earlier-year-open',
      'Earlier year open',
      `Years close in order: close ${open.join(', ')} before ${year}.`,
      'year',
    ),
  controlAccount: (detail: string, path: string) =>
    unprocessable('control-account', 'Control or tax account', detail, path),
  wrongAccountType: (detail: string, path: string) =>
    unprocessable('wrong-account-type', 'Wrong kind of account', detail, path),
} satisfies Record<string, (...args: never[]) => AppError<FinanceErrorCode>>;
