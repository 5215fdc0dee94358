import { Money } from '../money.js';

/**
 * The matching engine (pure): proposes for each unmatched statement line one match, from what is
 * loaded once for the whole statement. In order, the first that fits wins, and nothing is proposed
 * twice within one statement:
 *
 * 1. **An existing payment** on the bank account, not yet on a line, of the same signed amount: the
 *    one whose number or reference the line names, else the only one dated within 7 days.
 * 2. **Amount and reference**: open invoices (money in) or bills (money out) whose number or
 *    reference — or RF creditor reference — the line's reference or description names; allocated
 *    in order up to the line's amount.
 * 3. **Matching rules** by priority: a regex on the description, counterparty or reference (and the
 *    direction) → a party (its one open item of exactly the amount, else all its open items when
 *    they add up to it) or an account (a new entry: fees, interest).
 * 4. **Counterparty name** = a party's name (letters and digits, any case) → that party's open item
 *    of exactly the amount.
 *
 * Everything is looked up in maps built once (by amount, by reference token, by party), so a
 * statement of n lines against m open items costs O(n + m).
 */
export interface MatchLine {
  id: string;
  version: number;
  amount: string;
  bookingDate: string;
  description: string;
  reference: string;
  counterparty: string;
}
export interface OpenPayment {
  id: string;
  number: string;
  /** Signed as on the statement: received +, made −. */
  amount: string;
  date: string;
  reference: string;
  partyId: string;
  partyName: string;
}
export interface OpenItem {
  id: string;
  kind: 'invoice' | 'bill';
  number: string;
  reference: string;
  partyId: string;
  partyName: string;
  date: string;
  /** What is left to pay, positive. */
  open: string;
}
export interface MatchRule {
  id: string;
  name: string;
  field: 'description' | 'counterparty' | 'reference';
  pattern: string;
  direction: 'any' | 'in' | 'out';
  partyId: string | null;
  accountId: string | null;
  accountCode: string | null;
}
export interface PartyName {
  id: string;
  name: string;
}
export interface Proposal {
  lineId: string;
  lineVersion: number;
  kind: 'payment' | 'documents' | 'entry';
  reason: string;
  ruleId: string | null;
  paymentId: string | null;
  paymentNumber: string | null;
  partyId: string | null;
  partyName: string | null;
  documents: { documentId: string; number: string; amount: string }[];
  accountId: string | null;
  accountCode: string | null;
}

const key = (amount: string) => new Money(amount).toFixed(4);
export const compact = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
const nameKey = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
const dayMs = 86_400_000;
const daysApart = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / dayMs;

function push<K, V>(map: Map<K, V[]>, k: K, v: V) {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/** Reference tokens of a line: words of 4+ letters/digits (dashes and slashes inside kept together), RF bodies. */
export function referenceTokens(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.toUpperCase().matchAll(/[A-Z0-9](?:[A-Z0-9\-/._]*[A-Z0-9])?/g)) {
    const token = compact(m[0]);
    if (token.length < 4) continue;
    out.add(token);
    const rf = /^RF\d\d([A-Z0-9]+)$/.exec(token);
    if (rf) out.add(rf[1]!);
  }
  return [...out];
}

export function proposeMatches(input: {
  lines: MatchLine[];
  payments: OpenPayment[];
  items: OpenItem[];
  rules: MatchRule[];
  parties: PartyName[];
}): Proposal[] {
  const paymentsByAmount = new Map<string, OpenPayment[]>();
  for (const p of input.payments) push(paymentsByAmount, key(p.amount), p);
  const itemsByToken = new Map<string, OpenItem[]>();
  const itemsByParty = new Map<string, OpenItem[]>();
  for (const item of input.items) {
    push(itemsByToken, compact(item.number), item);
    const ref = compact(item.reference);
    if (ref.length >= 4 && ref !== compact(item.number)) push(itemsByToken, ref, item);
    push(itemsByParty, item.partyId, item);
  }
  for (const list of itemsByParty.values())
    list.sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const partiesByName = new Map<string, PartyName>();
  for (const p of input.parties) if (!partiesByName.has(nameKey(p.name))) partiesByName.set(nameKey(p.name), p);
  const rules = input.rules.map((r) => ({ ...r, regex: new RegExp(r.pattern, 'i') }));
  const used = new Set<string>();

  const base = (line: MatchLine) => ({
    lineId: line.id,
    lineVersion: line.version,
    ruleId: null,
    paymentId: null,
    paymentNumber: null,
    partyId: null,
    partyName: null,
    documents: [],
    accountId: null,
    accountCode: null,
  });
  const free = (item: OpenItem, kind: 'invoice' | 'bill') => item.kind === kind && !used.has(item.id);
  const allocate = (items: OpenItem[], amount: Money) => {
    let left = amount;
    const documents: Proposal['documents'] = [];
    for (const item of items) {
      if (left.lte(0)) break;
      const take = Money.min(left, item.open);
      documents.push({ documentId: item.id, number: item.number, amount: take.toFixed(2) });
      left = left.minus(take);
    }
    return documents;
  };
  const exactOpenItem = (partyId: string, amount: Money, kind: 'invoice' | 'bill') => {
    const open = (itemsByParty.get(partyId) ?? []).filter((i) => free(i, kind));
    const exact = open.find((i) => amount.eq(i.open));
    if (exact) return [exact];
    const total = open.reduce((s, i) => s.plus(i.open), new Money(0));
    return open.length > 0 && total.eq(amount) ? open : null;
  };

  const proposals: Proposal[] = [];
  for (const line of input.lines) {
    const amount = new Money(line.amount);
    const incoming = amount.gt(0);
    const size = amount.abs();
    const kind = incoming ? 'invoice' : 'bill';
    const text = `${line.reference} ${line.description}`;
    const tokens = referenceTokens(text);
    let proposal: Proposal | null = null;

    // 1. An existing payment of the same amount.
    const payments = (paymentsByAmount.get(key(line.amount)) ?? []).filter((p) => !used.has(p.id));
    if (payments.length > 0) {
      const named = payments.find(
        (p) => tokens.includes(compact(p.number)) || (p.reference !== '' && tokens.includes(compact(p.reference))),
      );
      const near = payments.filter((p) => daysApart(p.date, line.bookingDate) <= 7);
      const payment = named ?? (near.length === 1 ? near[0] : undefined);
      if (payment)
        proposal = {
          ...base(line),
          kind: 'payment',
          reason: named
            ? `Payment ${payment.number}: same amount and reference`
            : `Payment ${payment.number}: same amount, within 7 days`,
          paymentId: payment.id,
          paymentNumber: payment.number,
          partyId: payment.partyId,
          partyName: payment.partyName,
        };
    }

    // 2. Amount and reference: open items the line names.
    if (!proposal) {
      const named = new Map<string, OpenItem>();
      for (const token of tokens)
        for (const item of itemsByToken.get(token) ?? []) if (free(item, kind)) named.set(item.id, item);
      const items = [...named.values()];
      const partyId = items[0]?.partyId;
      if (items.length > 0 && items.every((i) => i.partyId === partyId)) {
        const open = items.reduce((s, i) => s.plus(i.open), new Money(0));
        proposal = {
          ...base(line),
          kind: 'documents',
          reason: `${items.map((i) => i.number).join(', ')} named in the reference${open.eq(size) ? ', same amount' : ` (open ${open.toFixed(2)})`}`,
          partyId: partyId!,
          partyName: items[0]!.partyName,
          documents: allocate(items, size),
        };
      }
    }

    // 3. Matching rules, by priority.
    if (!proposal)
      for (const rule of rules) {
        if ((rule.direction === 'in' && !incoming) || (rule.direction === 'out' && incoming)) continue;
        const value =
          rule.field === 'description'
            ? line.description
            : rule.field === 'counterparty'
              ? line.counterparty
              : line.reference;
        if (!rule.regex.test(value)) continue;
        if (rule.accountId) {
          proposal = {
            ...base(line),
            kind: 'entry',
            reason: `Rule "${rule.name}"`,
            ruleId: rule.id,
            accountId: rule.accountId,
            accountCode: rule.accountCode,
          };
          break;
        }
        const items = rule.partyId ? exactOpenItem(rule.partyId, size, kind) : null;
        if (items) {
          proposal = {
            ...base(line),
            kind: 'documents',
            reason: `Rule "${rule.name}": ${items.map((i) => i.number).join(', ')} of the same amount`,
            ruleId: rule.id,
            partyId: rule.partyId,
            partyName: items[0]!.partyName,
            documents: allocate(items, size),
          };
          break;
        }
      }

    // 4. The counterparty's name is a party's.
    if (!proposal && line.counterparty) {
      const party = partiesByName.get(nameKey(line.counterparty));
      const items = party ? exactOpenItem(party.id, size, kind) : null;
      if (party && items)
        proposal = {
          ...base(line),
          kind: 'documents',
          reason: `Counterparty ${party.name}: ${items.map((i) => i.number).join(', ')} of the same amount`,
          partyId: party.id,
          partyName: party.name,
          documents: allocate(items, size),
        };
    }

    if (proposal) {
      if (proposal.paymentId) used.add(proposal.paymentId);
      for (const d of proposal.documents) used.add(d.documentId);
      proposals.push(proposal);
    }
  }
  return proposals;
}
