import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { camt053, ofx } from './banking.test-support.js';
import { proposeMatches, referenceTokens } from './matching.js';
import { parseCamt053 } from './statement-camt.js';
import { csvAmount, csvDate, parseCsvStatement } from './statement-csv.js';
import { fingerprints } from './statement-format.js';
import { parseOfx } from './statement-ofx.js';

const IBAN = 'DE89370400440532013000';

describe('statement parsers', () => {
  it('reads camt.053 balances and booked entries, signed', () => {
    const xml = camt053({
      iban: IBAN,
      currency: 'EUR',
      opening: '-10.00',
      lines: [
        { date: '2026-03-02', amount: '-5.00', counterparty: 'Shop', reference: 'RF18539007547034', bankRef: 'X1' },
        { date: '2026-03-03', amount: '20.00', counterparty: 'Client', description: 'Thanks' },
      ],
      pending: [{ date: '2026-03-04', amount: '1.00' }],
    });
    const s = parseCamt053(xml, IBAN);
    expect(s).toMatchObject({ accountIban: IBAN, currency: 'EUR', openingBalance: '-10.00', closingBalance: '5.00' });
    expect(s.lines.map((l) => [l.amount, l.counterparty, l.reference, l.bankRef, l.description])).toEqual([
      ['-5.00', 'Shop', 'RF18539007547034', 'X1', ''],
      ['20.00', 'Client', '', '', 'Thanks'],
    ]);
    expect(() => parseCamt053(xml.replace('camt.053.001.08', 'camt.052.001.08'), IBAN)).toThrow(
      expect.objectContaining({ detail: expect.stringMatching(/camt\.053/) }),
    );
  });

  it('writes sample camt.053 files that the published schema (camt.053.001.08) accepts', async () => {
    const schema = await readFile(join(import.meta.dirname, 'fixtures/camt.053.001.08.xsd'), 'utf8');
    const validate = async (xml: string) =>
      validateXML({
        xml: [{ fileName: 'statement.xml', contents: xml }],
        schema: [{ fileName: 'camt.053.001.08.xsd', contents: schema }],
      });
    const xml = camt053({
      iban: IBAN,
      currency: 'EUR',
      opening: '100.00',
      lines: [
        {
          date: '2026-03-02',
          amount: '-5.00',
          counterparty: 'Shop & Co',
          reference: 'RF18539007547034',
          bankRef: 'X1',
        },
        { date: '2026-03-03', amount: '20.00', counterparty: 'Client', description: 'Thanks' },
        { date: '2026-03-03', amount: '-1.00', description: 'Fee' },
      ],
      pending: [{ date: '2026-03-04', amount: '1.00' }],
    });
    const result = await validate(xml);
    expect(result.errors.map((e) => e.rawMessage)).toEqual([]);
    expect(result.valid).toBe(true);
    // The check can fail: an entry without its (mandatory) bank transaction code is refused.
    expect((await validate(xml.replace(/<BkTxCd>.*?<\/BkTxCd>/, ''))).valid).toBe(false);
  });

  it('reads OFX as SGML (no end tags) and as XML alike', () => {
    const lines = [{ date: '2026-03-05', amount: '-12.5', counterparty: 'A & B', bankRef: 'F9', description: 'Lunch' }];
    for (const xml of [false, true]) {
      const s = parseOfx(ofx({ accountNumber: '42', currency: 'USD', closing: '100.00', lines, xml }));
      expect(s).toMatchObject({ accountNumber: '42', currency: 'USD', closingBalance: '100.00', openingBalance: null });
      expect(s.lines).toEqual([
        expect.objectContaining({ bookingDate: '2026-03-05', amount: '-12.5', counterparty: 'A & B', bankRef: 'F9' }),
      ]);
    }
    expect(() => parseOfx('<OFX><SIGNONMSGSRSV1></SIGNONMSGSRSV1></OFX>')).toThrow(
      expect.objectContaining({ detail: expect.stringMatching(/STMTRS/) }),
    );
    expect(() => parseOfx('<OFX></STMTRS></OFX>')).toThrow();
  });

  it('reads CSV dates and amounts in the mapped formats', () => {
    expect(csvDate('31.12.2026', 'DD.MM.YYYY')).toBe('2026-12-31');
    expect(csvDate('12/31/2026', 'MM/DD/YYYY')).toBe('2026-12-31');
    expect(csvDate('31.02.2026', 'DD.MM.YYYY')).toBeNull();
    expect(csvAmount('1.234,56', ',')).toBe('1234.56');
    expect(csvAmount('(12.50)', '.')).toBe('-12.50');
    expect(csvAmount('12,50-', ',')).toBe('-12.50');
    expect(csvAmount('abc', '.')).toBeNull();
    const s = parseCsvStatement('Date,Amount,Text\n2026-01-02,"-1,000.00","Rent, January"\n', {
      delimiter: ',',
      headerRow: 1,
      date: 'date',
      amount: 'Amount',
      description: 'Text',
      dateFormat: 'YYYY-MM-DD',
      decimalSeparator: '.',
    });
    expect(s.lines).toEqual([expect.objectContaining({ amount: '-1000.00', description: 'Rent, January' })]);
  });

  it('fingerprints identical lines of one file apart, and the same file the same', () => {
    const line = {
      bookingDate: '2026-01-02',
      valueDate: null,
      amount: '-3.50',
      description: 'Coffee',
      reference: '',
      counterparty: '',
      counterpartyAccount: '',
      bankRef: '',
    };
    const a = fingerprints('bank', [line, { ...line, amount: '-3.5000' }]);
    expect(a[0]).not.toBe(a[1]);
    expect(fingerprints('bank', [line, line])).toEqual(a);
    expect(fingerprints('other', [line])[0]).not.toBe(a[0]);
  });
});

describe('matching', () => {
  const base = { version: 1, bookingDate: '2026-05-10', description: '', reference: '', counterparty: '' };
  const items = [
    {
      id: 'i1',
      kind: 'invoice' as const,
      number: 'INV-2026-000001',
      reference: '',
      partyId: 'p1',
      partyName: 'Acme',
      date: '2026-05-01',
      open: '100.00',
    },
    {
      id: 'i2',
      kind: 'invoice' as const,
      number: 'INV-2026-000002',
      reference: '',
      partyId: 'p2',
      partyName: 'Beta',
      date: '2026-05-01',
      open: '40.00',
    },
    {
      id: 'b1',
      kind: 'bill' as const,
      number: 'BILL-2026-000001',
      reference: 'V-778',
      partyId: 'p3',
      partyName: 'Paper',
      date: '2026-05-01',
      open: '55.00',
    },
  ];
  it('proposes by payment, reference, rule and counterparty, each item once', () => {
    const proposals = proposeMatches({
      lines: [
        { ...base, id: 'l1', amount: '100.00', reference: 'inv 2026-000001' },
        { ...base, id: 'l2', amount: '100.00', description: 'INV-2026-000001 again' },
        { ...base, id: 'l3', amount: '-55.00', description: 'your invoice V-778' },
        { ...base, id: 'l4', amount: '40.00', counterparty: 'BETA' },
        { ...base, id: 'l5', amount: '-2.00', description: 'Fee' },
        { ...base, id: 'l6', amount: '7.00', description: 'ORD-9' },
      ],
      payments: [
        {
          id: 'pay',
          number: 'RCPT-1',
          amount: '7.00',
          date: '2026-05-20',
          reference: 'ORD-9',
          partyId: 'p1',
          partyName: 'Acme',
        },
      ],
      items,
      rules: [
        {
          id: 'r',
          name: 'Fees',
          field: 'description',
          pattern: '^fee',
          direction: 'out',
          partyId: null,
          accountId: 'acc',
          accountCode: '6800',
        },
      ],
      parties: [{ id: 'p2', name: 'Beta' }],
    });
    const by = new Map(proposals.map((p) => [p.lineId, p]));
    expect(by.get('l1')).toBeUndefined(); // "inv 2026-000001" is two tokens, not the number
    expect(by.get('l2')).toMatchObject({ kind: 'documents', documents: [{ documentId: 'i1', amount: '100.00' }] });
    expect(by.get('l3')).toMatchObject({ kind: 'documents', documents: [{ documentId: 'b1' }] });
    expect(by.get('l4')).toMatchObject({ kind: 'documents', partyId: 'p2', documents: [{ documentId: 'i2' }] });
    expect(by.get('l5')).toMatchObject({ kind: 'entry', accountId: 'acc', ruleId: 'r' });
    expect(by.get('l6')).toMatchObject({ kind: 'payment', paymentId: 'pay' });
    expect(referenceTokens('RF18 INV2026000001')).toContain('INV2026000001');
  });
});
