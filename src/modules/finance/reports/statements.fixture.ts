import type { TestApp } from '../../../../test/harness/test-app.js';
import { postJournalEntry } from '../ledger/journal.service.js';
import { chart, entry, type AccountRef, type LineSpec } from '../test/finance-helpers.js';

const JE = '/api/v1/finance/journal-entries';

/**
 * A small, hand-checkable ledger (all USD) for the statement and budget tests:
 *
 * 2025 (left open): E1 06-15 bank 10000 / capital · E2 09-10 bank 2000 / sales · E3 11-20 rent 500 / bank
 *   → 2025 result 1500.00
 * 2026: E4 01-05 inventory 600 / payable · E5 01-10 receivable 1210 / sales 1000 (north) + VAT 210 ·
 *   E6 02-05 bank 1210 / receivable · E7 02-20 salaries 400 (north) / bank ·
 *   E8 03-01 cash 300 / services 300 (south) · E9 03-15 COGS 250 (north) / inventory ·
 *   E10 03-20 rent 800 / bank, reversed the same day · draft 03-25 travel 99 / bank (never posted) ·
 *   E11 04-02 utilities 150 / bank (after March)
 *
 * At 2026-03-31: cash 300, bank 12310, receivable 0, inventory 350 (assets 12960); payable 600,
 * VAT 210 (liabilities 810); capital 10000, prior years 1500, current year 650 (equity 12150).
 * Jan–Mar 2026: income 1300 (sales 1000, services 300), expenses 650 (salaries 400, COGS 250, rent 0).
 */
export async function postKnownLedger(t: TestApp, token: string) {
  const accounts = await chart(t, token);
  const id = (code: string) => accounts[code]!.id;
  const line = (code: string, side: 'debit' | 'credit', amount: string, department?: string): LineSpec =>
    ({ accountId: id(code), [side]: amount, ...(department ? { department } : {}) }) as LineSpec;
  // Receivable, payable and tax accounts take no manual entries (issue #21): lines on them are
  // posted the way documents post, through the internal posting function.
  const system = new Set(['1300', '1350', '2100', '2200'].map(id));
  const post = async (date: string, lines: LineSpec[], reference: string, post = true) => {
    if (post && lines.some((l) => system.has(l.accountId))) {
      const ctx = { actor: null, requestId: `fixture-${reference}` };
      const body = {
        date,
        reference,
        memo: `memo ${reference}`,
        lines: lines.map((l) => ({ ...l, description: l.description ?? '' })),
      };
      const posted = await postJournalEntry(t.db, ctx, body, { sourceType: 'manual' });
      return { id: posted.id, number: posted.number };
    }
    const res = await t.request<{ id: string; number: string | null }>('POST', JE, {
      token,
      body: { ...entry(date, lines, { reference, memo: `memo ${reference}` }), post },
    });
    if (res.status !== 201) throw new Error(`post ${reference}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const e: Record<string, { id: string; number: string | null }> = {};
  e.E1 = await post('2025-06-15', [line('1200', 'debit', '10000.00'), line('3100', 'credit', '10000.00')], 'E1');
  e.E2 = await post('2025-09-10', [line('1200', 'debit', '2000.00'), line('4100', 'credit', '2000.00')], 'E2');
  e.E3 = await post('2025-11-20', [line('6200', 'debit', '500.00'), line('1200', 'credit', '500.00')], 'E3');
  e.E4 = await post('2026-01-05', [line('1400', 'debit', '600.00'), line('2100', 'credit', '600.00')], 'E4');
  e.E5 = await post(
    '2026-01-10',
    [line('1300', 'debit', '1210.00'), line('4100', 'credit', '1000.00', 'north'), line('2200', 'credit', '210.00')],
    'E5',
  );
  e.E6 = await post('2026-02-05', [line('1200', 'debit', '1210.00'), line('1300', 'credit', '1210.00')], 'E6');
  e.E7 = await post('2026-02-20', [line('6100', 'debit', '400.00', 'north'), line('1200', 'credit', '400.00')], 'E7');
  e.E8 = await post('2026-03-01', [line('1100', 'debit', '300.00'), line('4200', 'credit', '300.00', 'south')], 'E8');
  e.E9 = await post('2026-03-15', [line('5100', 'debit', '250.00', 'north'), line('1400', 'credit', '250.00')], 'E9');
  e.E10 = await post('2026-03-20', [line('6200', 'debit', '800.00'), line('1200', 'credit', '800.00')], 'E10');
  const reversal = await t.request<{ id: string; number: string }>('POST', `${JE}/${e.E10.id}/reverse`, {
    token,
    body: {},
  });
  if (reversal.status !== 201) throw new Error(`reverse: ${reversal.status} ${JSON.stringify(reversal.body)}`);
  e.R10 = reversal.body;
  e.D1 = await post('2026-03-25', [line('6500', 'debit', '99.00'), line('1200', 'credit', '99.00')], 'D1', false);
  e.E11 = await post('2026-04-02', [line('6300', 'debit', '150.00'), line('1200', 'credit', '150.00')], 'E11');
  return { accounts, id, entries: e } satisfies {
    accounts: Record<string, AccountRef>;
    id: (code: string) => string;
    entries: Record<string, unknown>;
  };
}
