import { today as todayDate } from '../../platform/dates.js';
import type { DemoContext } from '../../platform/demo/demo.js';
import type { RequestContext } from '../../platform/http/app-env.js';
import { addDays } from './documents/documents.rules.js';
import type { DocumentInputT } from './documents/documents.schemas.js';
import { getDocumentTotal } from './documents/documents.repository.js';
import { createDraft } from './documents/documents.service.js';
import type { DocumentKind } from './documents/documents.tables.js';
import { issueDocument, voidDocument } from './documents/issue.service.js';
import { findPartyWithEmailDomain } from './documents/parties.repository.js';
import { createParty } from './documents/parties.service.js';
import { createPayment } from './documents/payments.service.js';
import { listAccountCodes } from './ledger/accounts.repository.js';
import { baseCurrency, ensureLedger } from './ledger/chart.js';
import { Money, format } from './money.js';

/** Demo parties' e-mail addresses end in this domain: how a re-run recognises them. */
export const DEMO_PARTY_DOMAIN = 'demo.moms.local';

/** What happens to an issued document: settled, part-settled, left open past due, or not yet due. */
type Fate = 'paid' | 'partial' | 'overdue' | 'open';
type Line = DocumentInputT['lines'][number];
interface Party {
  id: string;
  name: string;
  terms: number;
}
interface Event {
  date: string;
  seq: number;
  run: () => Promise<void>;
}

const INVOICE_MIX: [Fate, number][] = [
  ['paid', 0.5],
  ['partial', 0.15],
  ['overdue', 0.2],
  ['open', 0.15],
];
const BILL_MIX: [Fate, number][] = [
  ['paid', 0.55],
  ['partial', 0.1],
  ['overdue', 0.15],
  ['open', 0.2],
];
/** What each demo vendor sells: the expense account its bills post to and typical line items. */
const VENDOR_TRADES: [string, string[]][] = [
  ['5100', ['Stock replenishment', 'Components', 'Packaging materials']],
  ['6300', ['Electricity', 'Internet and phone', 'Water']],
  ['6600', ['Accounting services', 'Legal advice', 'Payroll services']],
  ['6500', ['Flights', 'Hotel', 'Car rental']],
  ['6400', ['Office supplies', 'Printer toner', 'Cleaning supplies']],
];
const SERVICES = ['Installation', 'Consulting', 'Support plan', 'Training day', 'Maintenance visit'];

/**
 * Demo sales and purchase documents over the last six months, through the finance services:
 * customers and vendors, invoices and bills (most paid, some partly, some overdue, some not yet
 * due), a credit note applied to an invoice, a voided invoice, a draft of each kind, and the
 * payments received and made that settle them. Deterministic for the seed on a given day: every
 * random choice is made before anything is written, and everything happens in date order.
 * Skipped when the demo parties exist.
 */
export async function createDemoDocuments({ db, faker, size, log }: DemoContext) {
  await ensureLedger(db);
  const existing = await findPartyWithEmailDomain(db, DEMO_PARTY_DOMAIN);
  if (existing) {
    log('finance: demo invoices and bills already present; skipped');
    return;
  }
  const ctx: RequestContext = { actor: null, requestId: 'demo' };
  const currency = await baseCurrency(db);
  const accounts = new Map((await listAccountCodes(db)).map((a) => [a.code, a.id]));
  const account = (code: string) => accounts.get(code)!;
  const today = todayDate();
  const daysAgo = (n: number) => addDays(today, -n);
  const cents = (min: number, max: number) => format(new Money(faker.number.int({ min, max })).div(100), currency);

  const parties = async (kind: 'customer' | 'vendor', n: number) => {
    const out: Party[] = [];
    for (let i = 0; i < n; i++) {
      const name = faker.company.name();
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 40);
      const party = await createParty(db, ctx, {
        kind,
        name,
        email: `${kind === 'customer' ? 'accounts' : 'billing'}@${slug || kind}-${i + 1}.${DEMO_PARTY_DOMAIN}`,
        taxId: `DEMO${faker.string.numeric(8)}`,
        paymentTermsDays: faker.helpers.arrayElement([14, 30, 30, 45]),
      });
      out.push({ id: party.id, name, terms: party.paymentTermsDays });
    }
    return out;
  };
  const customers = await parties('customer', Math.max(4, Math.round(10 * size)));
  const vendors = await parties('vendor', Math.max(3, Math.round(6 * size)));
  const trades = new Map(vendors.map((v, i) => [v.id, VENDOR_TRADES[i % VENDOR_TRADES.length]!]));

  const invoiceLines = (): Line[] =>
    Array.from({ length: faker.number.int({ min: 1, max: 3 }) }, () => {
      const service = faker.datatype.boolean({ probability: 0.35 });
      return {
        description: service ? faker.helpers.arrayElement(SERVICES) : faker.commerce.productName(),
        quantity: String(faker.number.int({ min: 1, max: service ? 4 : 12 })),
        unitPrice: service ? cents(150_00, 1_200_00) : cents(15_00, 450_00),
        discountPercent: faker.helpers.weightedArrayElement([
          { value: '0', weight: 8 },
          { value: '5', weight: 1 },
          { value: '10', weight: 1 },
        ]),
        taxRate: '20',
        accountId: account(service ? '4200' : '4100'),
      };
    });
  const billLines = (vendor: Party): Line[] => {
    const [code, items] = trades.get(vendor.id)!;
    return Array.from({ length: faker.number.int({ min: 1, max: 2 }) }, () => ({
      description: faker.helpers.arrayElement(items),
      quantity: '1',
      unitPrice: cents(40_00, code === '5100' ? 3_500_00 : 900_00),
      discountPercent: '0',
      taxRate: '20',
      accountId: account(code),
    }));
  };
  /** How many days ago a document with this fate and payment terms is dated. */
  const ageFor = (fate: Fate, terms: number) =>
    fate === 'open'
      ? faker.number.int({ min: 0, max: terms - 1 })
      : fate === 'overdue'
        ? faker.number.int({ min: terms + 3, max: 180 })
        : faker.number.int({ min: 10, max: 175 });
  const fates = (n: number, mix: [Fate, number][]) =>
    faker.helpers.shuffle(mix.flatMap(([fate, share]) => Array<Fate>(Math.max(1, Math.round(n * share))).fill(fate)));

  const events: Event[] = [];
  const at = (date: string, run: () => Promise<void>) => events.push({ date, seq: events.length, run });
  const ids = new Map<number, { id: string; total: string }>();
  /** Payments to record once their document is issued: a share (percent) of its total. */
  const payments: {
    date: string;
    key: number;
    share: number;
    direction: 'received' | 'made';
    partyId: string;
    reference: string;
  }[] = [];
  const tally: Record<DocumentKind | 'void' | 'draft' | 'received' | 'made', number> = {
    invoice: 0,
    bill: 0,
    'credit-note': 0,
    'vendor-credit': 0,
    void: 0,
    draft: 0,
    received: 0,
    made: 0,
  };
  const issue = async (kind: DocumentKind, input: DocumentInputT) => {
    const id = await createDraft(db, ctx, kind, input);
    await issueDocument(db, ctx, kind, id, undefined);
    const row = await getDocumentTotal(db, id);
    tally[kind]++;
    return { id, total: format(new Money(row.total), currency) };
  };
  const document = (kind: 'invoice' | 'bill', parties: Party[], fate: Fate) => {
    const party = faker.helpers.arrayElement(parties);
    const age = ageFor(fate, party.terms);
    const date = daysAgo(age);
    const input: DocumentInputT = {
      partyId: party.id,
      date,
      reference:
        kind === 'invoice'
          ? `PO-${faker.string.numeric(5)}`
          : `${faker.string.alpha({ length: 2, casing: 'upper' })}-${faker.string.numeric(6)}`,
      memo: '',
      lines: kind === 'invoice' ? invoiceLines() : billLines(party),
    };
    const key = events.length;
    at(date, async () => void ids.set(key, await issue(kind, input)));
    if (fate === 'paid' || fate === 'partial') {
      const paidAfter = faker.number.int({ min: Math.min(3, age), max: Math.min(age, party.terms + 20) });
      const share = fate === 'partial' ? faker.number.int({ min: 25, max: 70 }) : 100;
      const direction = kind === 'invoice' ? 'received' : 'made';
      const reference = kind === 'invoice' ? `Wire ${faker.string.numeric(8)}` : `Transfer ${faker.string.numeric(8)}`;
      payments.push({ date: addDays(date, paidAfter), key, share, direction, partyId: party.id, reference });
    }
    return { key, date, age, party, input, fate };
  };

  const invoiceCount = Math.max(10, Math.round(30 * size));
  const invoices = fates(invoiceCount, INVOICE_MIX).map((fate) => document('invoice', customers, fate));
  for (const fate of fates(Math.max(8, Math.round(20 * size)), BILL_MIX)) document('bill', vendors, fate);

  // One credit note: one unit of an unpaid invoice's first line is credited (applied on issue); an
  // invoice with more than that unit on it is preferred, so that something stays open on it.
  const unpaid = invoices.filter((i) => i.fate === 'overdue' || i.fate === 'open');
  const larger = unpaid.filter((i) => i.input.lines.length > 1 || i.input.lines[0]!.quantity !== '1');
  const credited = faker.helpers.arrayElement(larger.length > 0 ? larger : unpaid);
  const returned = credited.input.lines[0]!;
  const creditDate = addDays(credited.date, faker.number.int({ min: 0, max: Math.min(credited.age, 20) }));
  at(creditDate, async () => {
    await issue('credit-note', {
      partyId: credited.party.id,
      date: creditDate,
      reference: '',
      memo: `Credit on ${credited.input.reference}`,
      creditsDocumentId: ids.get(credited.key)!.id,
      lines: [{ ...returned, description: `Returned: ${returned.description}`.slice(0, 1000), quantity: '1' }],
    });
  });

  // One invoice issued in error and voided two days later.
  const voidParty = faker.helpers.arrayElement(customers);
  const voidDate = daysAgo(faker.number.int({ min: 30, max: 150 }));
  const voidLines = invoiceLines();
  at(voidDate, async () => {
    const { id } = await issue('invoice', {
      partyId: voidParty.id,
      date: voidDate,
      reference: '',
      memo: '',
      lines: voidLines,
    });
    await voidDocument(db, ctx, 'invoice', id, { date: addDays(voidDate, 2), memo: 'Issued in error' });
    tally.invoice--;
    tally.void++;
  });

  for (const p of payments)
    at(p.date, async () => {
      const doc = ids.get(p.key)!;
      const amount = format(new Money(doc.total).times(p.share).div(100), currency);
      await createPayment(db, ctx, {
        direction: p.direction,
        partyId: p.partyId,
        date: p.date,
        amount,
        reference: p.reference,
        memo: '',
        allocations: [{ documentId: doc.id, amount }],
      });
      tally[p.direction]++;
    });

  // Drafts still being prepared: one invoice, one bill.
  const draftCustomer = faker.helpers.arrayElement(customers);
  const draftVendor = faker.helpers.arrayElement(vendors);
  const drafts: [DocumentKind, DocumentInputT][] = [
    [
      'invoice',
      {
        partyId: draftCustomer.id,
        date: daysAgo(faker.number.int({ min: 0, max: 3 })),
        reference: '',
        memo: '',
        lines: invoiceLines(),
      },
    ],
    [
      'bill',
      {
        partyId: draftVendor.id,
        date: daysAgo(faker.number.int({ min: 0, max: 5 })),
        reference: '',
        memo: '',
        lines: billLines(draftVendor),
      },
    ],
  ];

  events.sort((a, b) => a.date.localeCompare(b.date) || a.seq - b.seq);
  for (const e of events) await e.run();
  for (const [kind, input] of drafts) {
    await createDraft(db, ctx, kind, input);
    tally.draft++;
  }
  log(
    `finance: ${customers.length} customers, ${vendors.length} vendors, ${tally.invoice} invoices, ${tally.bill} bills, ` +
      `${tally['credit-note']} credit note, ${tally.void} voided invoice, ${tally.draft} drafts, ` +
      `${tally.received} payments received, ${tally.made} payments made over the last six months`,
  );
}
