import type { Db } from '../../../platform/db/database.js';
import { errors } from '../../../platform/errors/app-error.js';
import { financeErrors } from '../finance.errors.js';
import { findPostingAccounts } from '../ledger/accounts.repository.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { Money } from '../money.js';
import { documentErrors } from './documents.errors.js';
import type { DocumentKind, PartyKind } from './documents.tables.js';
import { findParty } from './parties.repository.js';

/** What each kind of document is: whose it is, where it posts, what it settles. */
export const KINDS = {
  invoice: { side: 'customer', series: 'invoice', prefix: 'INV', lineRole: 'sales', credit: false, settles: null },
  bill: { side: 'vendor', series: 'bill', prefix: 'BILL', lineRole: 'purchases', credit: false, settles: null },
  'credit-note': {
    side: 'customer',
    series: 'credit-note',
    prefix: 'CN',
    lineRole: 'sales',
    credit: true,
    settles: 'invoice',
  },
  'vendor-credit': {
    side: 'vendor',
    series: 'vendor-credit',
    prefix: 'VC',
    lineRole: 'purchases',
    credit: true,
    settles: 'bill',
  },
} as const satisfies Record<
  DocumentKind,
  {
    side: 'customer' | 'vendor';
    series: string;
    prefix: string;
    lineRole: string;
    credit: boolean;
    settles: DocumentKind | null;
  }
>;

export const partyServes = (kind: PartyKind, side: 'customer' | 'vendor') => kind === 'both' || kind === side;

/** The party of a new document or payment: it exists, is active and is a customer / vendor as needed. */
export async function assertParty(db: Db, partyId: string, side: 'customer' | 'vendor') {
  const party = await findParty(db, partyId);
  if (!party) throw documentErrors.unknownParty(partyId);
  if (!party.active) throw documentErrors.inactiveParty();
  if (!partyServes(party.kind, side)) throw documentErrors.wrongPartyKind(`This party is not a ${side}.`);
  return party;
}

/** Currency and exchange rate: the base currency has rate 1; a foreign one needs its rate. */
export async function resolveCurrency(db: Db, currency: string, exchangeRate: string | undefined) {
  const base = await baseCurrency(db);
  if (currency === base) {
    if (exchangeRate !== undefined && !new Money(exchangeRate).eq(1)) {
      throw financeErrors.wrongCurrency(
        `A document in the base currency ${base} has the exchange rate 1.`,
        'exchangeRate',
      );
    }
    return '1';
  }
  if (exchangeRate === undefined) {
    throw financeErrors.wrongCurrency(`A document in ${currency} needs its exchange rate to ${base}.`, 'exchangeRate');
  }
  return exchangeRate;
}

/** Accounts of lines (or a payment): they exist, are active and can be posted to. */
export async function assertPostable(db: Db, refs: { id: string; path: string }[]) {
  const ids = [...new Set(refs.map((r) => r.id))];
  if (ids.length === 0) return;
  const accounts = new Map((await findPostingAccounts(db, ids)).map((a) => [a.id, a]));
  for (const ref of refs) {
    const account = accounts.get(ref.id);
    if (!account) throw financeErrors.unknownAccount(ref.id, ref.path);
    if (!account.active) throw financeErrors.inactiveAccount(account.code, ref.path);
    if (account.is_group) throw financeErrors.groupAccount(account.code, ref.path);
  }
}

export async function defaultLineAccount(db: Db, kind: DocumentKind) {
  return accountForRole(db, KINDS[kind].lineRole);
}

/** date + days, as a date (UTC calendar arithmetic; the platform's). */
export { addDays } from '../../../platform/dates.js';

export function notFound(kind: DocumentKind, id: string) {
  return errors.notFound(
    kind === 'credit-note' ? 'Credit note' : kind[0]!.toUpperCase() + kind.slice(1).replace('-', ' '),
    id,
  );
}
