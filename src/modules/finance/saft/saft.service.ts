import type { Db } from '../../../platform/db/database.js';
import { today } from '../../../platform/dates.js';
import { errors } from '../../../platform/errors/app-error.js';
import { el, leaf, optionalLeaf, toXml, type XmlElement } from '../einvoice/xml-writer.js';
import { accountForRole, baseCurrency } from '../ledger/chart.js';
import { Money, format, roundTo } from '../money.js';
import { aging } from '../reports/aging.js';
import * as repo from './saft.repository.js';

/**
 * The OECD SAF-T 2.00 general-ledger audit file (issue #18, owned by Finance): Header, MasterFiles
 * (general-ledger accounts with opening and closing balances, customers, suppliers, tax table),
 * GeneralLedgerEntries (a Journal per source type, a Transaction per posted entry, a Line per
 * journal line) and SourceDocuments/SalesInvoices (issued invoices and credit notes). Amounts are
 * in the base currency (`Amount`), with the entry's own currency beside it when it differs.
 * Structure: `saft-2.00-subset.xsd` (a subset written from the published structure, see there).
 */

export const SAFT_NAMESPACE = 'urn:OECD:StandardAuditFile-Tax:2.00';
const MAX_DAYS = 731;

const clip = (value: string | null | undefined, max: number) => (value ?? '').trim().slice(0, max);
const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const dayBefore = (d: string) => new Date(dayNumber(d) - 86_400_000).toISOString().slice(0, 10);

/** `{Opening,Closing}{Debit,Credit}Balance` by sign: debit when ≥ 0. */
function balance(prefix: 'Opening' | 'Closing', value: Money, base: string) {
  return leaf(`${prefix}${value.gte(0) ? 'Debit' : 'Credit'}Balance`, format(value.abs(), base));
}

function amount(
  name: 'DebitAmount' | 'CreditAmount' | 'InvoiceLineAmount',
  base: string,
  value: Money,
  foreign?: {
    currency: string;
    amount: Money;
    rate: string;
  },
) {
  return el(name, [
    leaf('Amount', format(value, base)),
    foreign && leaf('CurrencyCode', foreign.currency),
    foreign && leaf('CurrencyAmount', format(foreign.amount, foreign.currency)),
    foreign && leaf('ExchangeRate', new Money(foreign.rate).toString()),
  ]);
}

/** Opening and closing open balance per party of one side, from the aging (what the control account ties to). */
async function partyBalances(db: Db, side: 'receivables' | 'payables', from: string, to: string) {
  const at = async (date: string) =>
    new Map((await aging(db, side, date)).rows.map((r) => [r.partyId, new Money(r.total)]));
  return { opening: await at(dayBefore(from)), closing: await at(to) };
}

export interface SaftOptions {
  from: string;
  to: string;
  /** The day the file is made (default: today). */
  created?: string;
}

/**
 * The SAF-T 2.00 XML of the books from `from` to `to` (at most two years). Public in `index.ts` for
 * Compliance (issue #18); the route `GET /saf-t` serves it.
 */
export async function safTAuditFile(db: Db, options: SaftOptions): Promise<string> {
  const { from, to } = options;
  if (from > to) throw errors.validation([{ path: 'from', message: 'The period starts on or before its end.' }]);
  if ((dayNumber(to) - dayNumber(from)) / 86_400_000 >= MAX_DAYS)
    throw errors.validation([{ path: 'to', message: 'An audit file covers at most two years.' }]);
  const base = await baseCurrency(db);
  const profile = await repo.companyProfile(db);
  const country = profile?.country_code || '';
  const accounts = await repo.accountBalances(db, from, to);
  const arAccount = await accountForRole(db, 'receivable');
  const apAccount = await accountForRole(db, 'payable');
  const codes = await repo.accountCodes(db, [arAccount, apAccount]);
  const codeOf = (id: string) => codes.find((c) => c.id === id)?.code ?? '';
  const customersBalances = await partyBalances(db, 'receivables', from, to);
  const suppliersBalances = await partyBalances(db, 'payables', from, to);
  const parties = await repo.parties(db);
  const taxCodes = await repo.taxCodes(db);
  const entries = await repo.entries(db, from, to);
  const lines = await repo.linesOf(db, from, to);
  const sales = await repo.salesDocuments(db, from, to);

  const companyStructure = (p: {
    registration?: string | null;
    name: string;
    street?: string | null;
    city?: string | null;
    postal?: string | null;
    country?: string | null;
    email?: string | null;
    phone?: string | null;
    taxId?: string | null;
  }): (XmlElement | null)[] => [
    optionalLeaf('RegistrationNumber', clip(p.registration, 35)),
    leaf('Name', clip(p.name, 70) || '-'),
    p.city && p.postal
      ? el('Address', [
          optionalLeaf('StreetName', clip(p.street, 70)),
          leaf('City', clip(p.city, 35)),
          leaf('PostalCode', clip(p.postal, 18)),
          p.country && /^[A-Z]{2}$/.test(p.country) ? leaf('Country', p.country) : null,
        ])
      : null,
    p.email || p.phone
      ? el('Contact', [optionalLeaf('Telephone', clip(p.phone, 35)), optionalLeaf('Email', clip(p.email, 70))])
      : null,
    p.taxId ? el('TaxRegistration', [leaf('TaxRegistrationNumber', clip(p.taxId, 35))]) : null,
  ];

  const header = el('Header', [
    leaf('AuditFileVersion', '2.00'),
    leaf('AuditFileCountry', /^[A-Z]{2}$/.test(country) ? country : 'ZZ'),
    leaf('AuditFileDateCreated', options.created ?? today()),
    leaf('SoftwareCompanyName', 'MOMS'),
    leaf('SoftwareID', 'MOMS Finance'),
    leaf('SoftwareVersion', '1'),
    el(
      'Company',
      companyStructure({
        registration: profile?.registration,
        name: profile?.legal_name || 'Company',
        street: profile?.street,
        city: profile?.city,
        postal: profile?.postal_zone,
        country,
        email: profile?.email,
        phone: profile?.phone,
        taxId: profile?.vat_id,
      }),
    ),
    leaf('DefaultCurrencyCode', base),
    el('SelectionCriteria', [leaf('SelectionStartDate', from), leaf('SelectionEndDate', to)]),
    leaf('TaxAccountingBasis', 'Invoice'),
  ]);

  const customers = parties.filter((p) => p.kind !== 'vendor');
  const suppliers = parties.filter((p) => p.kind !== 'customer');
  const zero = new Money(0);
  const masterFiles = el('MasterFiles', [
    accounts.length > 0 &&
      el(
        'GeneralLedgerAccounts',
        accounts.map((a) =>
          el('Account', [
            leaf('AccountID', clip(a.code, 70)),
            leaf('AccountDescription', clip(a.name, 256) || a.code),
            leaf('AccountType', a.type),
            balance('Opening', new Money(a.opening), base),
            balance('Closing', new Money(a.closing), base),
          ]),
        ),
      ),
    customers.length > 0 &&
      el(
        'Customers',
        customers.map((p) =>
          el('Customer', [
            ...companyStructure({ name: p.name, email: p.email, taxId: p.tax_id }),
            leaf('CustomerID', p.id),
            leaf('AccountID', clip(codeOf(arAccount), 70)),
            balance('Opening', customersBalances.opening.get(p.id) ?? zero, base),
            balance('Closing', customersBalances.closing.get(p.id) ?? zero, base),
          ]),
        ),
      ),
    suppliers.length > 0 &&
      el(
        'Suppliers',
        suppliers.map((p) =>
          el('Supplier', [
            ...companyStructure({ name: p.name, email: p.email, taxId: p.tax_id }),
            leaf('SupplierID', p.id),
            leaf('AccountID', clip(codeOf(apAccount), 70)),
            // A payable is a credit balance: the aging's positive total is a credit.
            balance('Opening', (suppliersBalances.opening.get(p.id) ?? zero).neg(), base),
            balance('Closing', (suppliersBalances.closing.get(p.id) ?? zero).neg(), base),
          ]),
        ),
      ),
    taxCodes.length > 0 &&
      el('TaxTable', [
        el('TaxTableEntry', [
          leaf('TaxType', 'VAT'),
          leaf('Description', 'Value added tax'),
          ...taxCodes.map((t) =>
            el('TaxCodeDetails', [
              leaf('TaxCode', clip(t.code, 18)),
              leaf('Description', clip(`${t.name} (${t.kind}, ${t.treatment})`, 256)),
              leaf('TaxPercentage', new Money(t.rate).times(100).toString()),
              /^[A-Z]{2}$/.test(country) ? leaf('Country', country) : null,
            ]),
          ),
        ]),
      ]),
  ]);

  // General ledger: a Journal per source type, a Transaction per entry, a Line per journal line.
  const linesByEntry = new Map<string, typeof lines>();
  for (const l of lines) linesByEntry.set(l.entry_id, [...(linesByEntry.get(l.entry_id) ?? []), l]);
  let totalDebit = zero;
  let totalCredit = zero;
  const journals = new Map<string, XmlElement[]>();
  for (const e of entries) {
    const foreign = e.currency !== base;
    const description = clip(e.memo || e.reference || e.number || e.source_type, 256) || '-';
    const txLines = (linesByEntry.get(e.id) ?? []).map((l) => {
      const debit = new Money(l.base_debit);
      const credit = new Money(l.base_credit);
      totalDebit = totalDebit.plus(debit);
      totalCredit = totalCredit.plus(credit);
      const isDebit = debit.gt(0) || credit.isZero();
      return el('Line', [
        leaf('RecordID', String(l.line_no)),
        leaf('AccountID', clip(l.code, 70)),
        leaf('Description', clip(l.description, 256) || description),
        amount(
          isDebit ? 'DebitAmount' : 'CreditAmount',
          base,
          isDebit ? debit : credit,
          foreign
            ? { currency: e.currency, amount: new Money(isDebit ? l.debit : l.credit), rate: e.exchange_rate }
            : undefined,
        ),
      ]);
    });
    if (txLines.length === 0) continue;
    const tx = el('Transaction', [
      leaf('TransactionID', clip(e.number ?? e.id, 70)),
      leaf('Period', String(e.period ?? Number(e.entry_date.slice(5, 7)))),
      leaf('PeriodYear', String(e.year ?? e.entry_date.slice(0, 4))),
      leaf('TransactionDate', e.entry_date),
      optionalLeaf('SourceID', clip(e.reference, 35)),
      leaf('TransactionType', clip(e.source_type, 18)),
      leaf('Description', description),
      leaf('SystemEntryDate', e.created_at),
      leaf('GLPostingDate', e.posted_at ?? e.entry_date),
      ...txLines,
    ]);
    journals.set(e.source_type, [...(journals.get(e.source_type) ?? []), tx]);
  }
  const generalLedger = el('GeneralLedgerEntries', [
    leaf('NumberOfEntries', String([...journals.values()].reduce((n, t) => n + t.length, 0))),
    leaf('TotalDebit', format(totalDebit, base)),
    leaf('TotalCredit', format(totalCredit, base)),
    ...[...journals].map(([type, txs]) =>
      el('Journal', [
        leaf('JournalID', clip(type, 18)),
        leaf('Description', clip(`Entries of source ${type}`, 256)),
        leaf('Type', clip(type, 18)),
        ...txs,
      ]),
    ),
  ]);

  // Sales invoices and credit notes: lines in the base currency at the document's rate.
  let salesDebit = zero;
  let salesCredit = zero;
  const docLines = new Map<string, typeof sales.lines>();
  for (const l of sales.lines) docLines.set(l.document_id, [...(docLines.get(l.document_id) ?? []), l]);
  const invoices = sales.docs.map((d) => {
    const credit = d.kind === 'invoice';
    const foreign = d.currency !== base;
    const inBase = (v: string) => roundTo(new Money(v).times(d.exchange_rate), base);
    return el('Invoice', [
      leaf('InvoiceNo', clip(d.number, 70)),
      el('CustomerInfo', [leaf('CustomerID', d.party_id)]),
      leaf('Period', String(d.period ?? Number(d.document_date.slice(5, 7)))),
      leaf('PeriodYear', String(d.year ?? d.document_date.slice(0, 4))),
      leaf('InvoiceDate', d.document_date),
      leaf('InvoiceType', d.kind),
      leaf('GLPostingDate', d.document_date),
      optionalLeaf('TransactionID', clip(d.entry_number, 70)),
      ...(docLines.get(d.id) ?? []).map((l) => {
        const net = new Money(inBase(l.net));
        if (credit) salesCredit = salesCredit.plus(net);
        else salesDebit = salesDebit.plus(net);
        return el('Line', [
          leaf('LineNumber', String(l.line_no)),
          leaf('AccountID', clip(l.code, 70)),
          leaf('Quantity', new Money(l.quantity).toString()),
          leaf('UnitPrice', new Money(l.unit_price).toString()),
          leaf('Description', clip(l.description, 256) || '-'),
          amount(
            'InvoiceLineAmount',
            base,
            net,
            foreign ? { currency: d.currency, amount: new Money(l.net), rate: d.exchange_rate } : undefined,
          ),
          leaf('DebitCreditIndicator', credit ? 'C' : 'D'),
        ]);
      }),
      el('DocumentTotals', [
        leaf('TaxPayable', format(new Money(inBase(d.tax_total)), base)),
        leaf('NetTotal', format(new Money(inBase(d.subtotal)), base)),
        leaf('GrossTotal', format(new Money(inBase(d.total)), base)),
      ]),
    ]);
  });
  const sourceDocuments = el('SourceDocuments', [
    el('SalesInvoices', [
      leaf('NumberOfEntries', String(invoices.length)),
      leaf('TotalDebit', format(salesDebit, base)),
      leaf('TotalCredit', format(salesCredit, base)),
      ...invoices,
    ]),
  ]);

  return toXml(
    el('AuditFile', [header, masterFiles, generalLedger, sourceDocuments], {
      xmlns: SAFT_NAMESPACE,
    }),
  );
}
