import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { camt053, type SampleLine } from '../../src/modules/finance/index.js';
import { ADMIN, chromiumMissing, loginAs, screenshot, startE2E, type E2E } from './harness.js';
import { seriousViolations } from './axe.js';

const F = '/api/v1/finance';
const IBAN = 'DE89370400440532013000';

describe.skipIf(chromiumMissing)('finance bank reconciliation', { timeout: 120_000 }, () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('imports a statement of 20 lines and reconciles it from the keyboard: proposals, a bank fee, finished', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const accounts = await e2e.api<{ items: { id: string; code: string }[] }>('GET', `${F}/accounts`);
    const code = (c: string) => accounts.items.find((a) => a.code === c)!.id;
    const bank = await e2e.api<{ id: string; currency: string }>('POST', `${F}/bank-accounts`, {
      name: 'E2E operating',
      iban: IBAN,
      currency: (await e2e.api<{ baseCurrency: string }>('GET', `${F}/settings`)).baseCurrency,
      accountId: code('1200'),
    });
    const customer = await e2e.api<{ id: string }>('POST', `${F}/parties`, { kind: 'customer', name: 'Harbour Foods' });
    const draft = await e2e.api<{ id: string }>('POST', `${F}/invoices`, {
      partyId: customer.id,
      date: today,
      lines: [{ description: 'Catering', quantity: '1', unitPrice: '480.00' }],
    });
    const invoice = await e2e.api<{ id: string; number: string; total: string }>(
      'POST',
      `${F}/invoices/${draft.id}/issue`,
      {},
    );
    const payment = await e2e.api<{ id: string; number: string }>('POST', `${F}/payments`, {
      direction: 'received',
      partyId: customer.id,
      date: today,
      amount: '64.00',
      reference: 'DEPOSIT-9',
      bankAccountId: bank.id,
    });
    await e2e.api('POST', `${F}/bank-rules`, {
      name: 'Card purchases',
      field: 'description',
      pattern: '^card \\d{4}',
      direction: 'out',
      accountId: code('6400'),
    });

    // 20 lines: the invoice paid naming its number, the deposit already booked, 17 card purchases
    // (a rule), and a bank fee nobody proposes.
    const lines: SampleLine[] = [
      { date: today, amount: invoice.total, reference: `Invoice ${invoice.number}`, counterparty: 'Harbour Foods' },
      { date: today, amount: '64.00', description: 'DEPOSIT-9', counterparty: 'Harbour Foods' },
      ...Array.from({ length: 17 }, (_, i) => ({
        date: today,
        amount: `-${(10 + i).toFixed(2)}`,
        description: `Card 4242 Office store ${i + 1}`,
        bankRef: `CARD-${i + 1}`,
      })),
      { date: today, amount: '-7.90', description: 'Account maintenance', bankRef: 'MAINT-1' },
    ];
    const file = camt053({ iban: IBAN, currency: bank.currency, opening: '0.00', lines, statementId: 'E2E-1' });

    const page = await e2e.newPage();
    await loginAs(page, ADMIN.email, ADMIN.password, `/finance/bank-accounts/${bank.id}`);
    const importer = page.getByRole('region', { name: 'Import a statement' });
    await importer.getByLabel('Statement file').setInputFiles({
      name: 'statement.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(file, 'utf8'),
    });
    await expect.poll(() => importer.getByLabel('Format').inputValue(), { timeout: 10_000 }).toBe('camt053');
    await importer.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Reconcile E2E operating', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Statement lines' });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(20);
    await table.getByText(`→ ${invoice.number} — Harbour Foods`).waitFor();
    await table.getByText(`→ Payment ${payment.number} — Harbour Foods`).waitFor();
    await screenshot(page, 'finance-banking-workspace');
    expect(await seriousViolations(page)).toEqual([]);

    // Line 1 is selected: Enter accepts its proposal (the invoice is paid through a new payment).
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reconciled-balance').textContent(), { timeout: 10_000 }).toBe('480.00');
    // Everything else proposed (the deposit's payment and 17 card purchases), at once.
    const acceptAll = page.getByRole('button', { name: /^Accept all proposals \(18\)/ });
    await expect.poll(() => acceptAll.isEnabled(), { timeout: 10_000 }).toBe(true);
    await page.keyboard.press('a');
    await expect.poll(() => table.locator('tbody tr[data-status="reconciled"]').count(), { timeout: 10_000 }).toBe(19);
    // The bank fee: move to the last line (k from the top wraps nowhere; j nineteen times), book it to 6800.
    for (let i = 0; i < 19; i++) await page.keyboard.press('j');
    const detail = page.getByRole('region', { name: 'Selected line' });
    await detail.getByRole('heading', { name: /^Line 20: -7\.90/ }).waitFor();
    await expect.poll(() => acceptAll.isVisible(), { timeout: 10_000 }).toBe(false);
    await page.keyboard.press('e');
    await detail.getByLabel('Book to account (fees, interest…)').selectOption(code('6800'));
    await detail.getByRole('button', { name: 'Post entry' }).click();
    await expect.poll(() => page.getByTestId('difference').textContent(), { timeout: 10_000 }).toMatch(/^0\.00 /);
    await page.getByRole('button', { name: 'Finish statement' }).click();
    await page.getByRole('button', { name: 'Reopen statement' }).waitFor();
    await screenshot(page, 'finance-banking-finished');

    const statements = await e2e.api<{
      items: { id: string; status: string; reconciledCount: number; difference: string }[];
    }>('GET', `${F}/bank-statements?bankAccountId=${bank.id}`);
    expect(statements.items).toEqual([
      expect.objectContaining({ status: 'finished', reconciledCount: 20, difference: '0.00' }),
    ]);
    const paid = await e2e.api<{ status: string }>('GET', `${F}/invoices/${invoice.id}`);
    expect(paid.status).toBe('paid');
    const lineItems = await e2e.api<{ items: { matchKind: string; journalEntryId: string | null }[] }>(
      'GET',
      `${F}/bank-statements/${statements.items[0]!.id}/lines?limit=200`,
    );
    const fee = lineItems.items[19]!;
    expect(fee.matchKind).toBe('entry');
    const entry = await e2e.api<{ status: string; lines: { accountCode: string; debit: string }[] }>(
      'GET',
      `${F}/journal-entries/${fee.journalEntryId}`,
    );
    expect(entry.status).toBe('posted');
    expect(entry.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ accountCode: '6800', debit: '7.90' })]),
    );
  });
});
