import { addMonths, today } from '../../../platform/dates.js';
import type { DemoContext } from '../../../platform/demo/demo.js';
import { listAccountCodes } from '../ledger/accounts.repository.js';
import { createDunningLevel, proposeReminders } from './dunning.service.js';
import { createRecurringTemplate, runRecurring } from './recurring.service.js';
import { PaymentTermInput, DunningLevelInput, RecurringTemplateInput } from './terms.schemas.js';
import { anyPaymentTerm, firstActiveCustomer } from './terms.repository.js';
import { createPaymentTerm } from './terms.service.js';

/**
 * Demo payment terms, reminder levels and a recurring invoice (skipped when any payment term
 * exists): "Net 30" and "30 % now, 70 % in 60 days" with 2 % off within 10 days; three reminder
 * levels (7, 21 and 45 days after due; fees on the second and third); a monthly support plan for the
 * first customer since three months ago, issued for the periods due — then reminders are proposed
 * for the demo's overdue invoices, for a person to send.
 */
export async function createDemoTerms({ db, log }: DemoContext) {
  if (await anyPaymentTerm(db)) {
    log('finance: demo payment terms already present; skipped');
    return;
  }
  const ctx = { actor: null, requestId: 'demo' };
  await createPaymentTerm(
    db,
    ctx,
    PaymentTermInput.parse({ name: 'Net 30', instalments: [{ percent: '100', days: 30 }] }),
  );
  const split = await createPaymentTerm(
    db,
    ctx,
    PaymentTermInput.parse({
      name: '30 % now, 70 % in 60 days',
      description: 'Deposit on order, the rest in two months; 2 % off when paid within 10 days.',
      instalments: [
        { percent: '30', days: 0 },
        { percent: '70', days: 60 },
      ],
      discountPercent: '2',
      discountDays: 10,
    }),
  );
  const otherIncome = (await listAccountCodes(db)).find((a) => a.code === '4900')?.id ?? null;
  const levels = [
    {
      level: 1,
      name: 'Friendly reminder',
      delayDays: 7,
      fee: '0',
      subject: 'Friendly reminder: invoice {{documentNumber}}',
    },
    {
      level: 2,
      name: 'Second reminder',
      delayDays: 21,
      fee: '10.00',
      subject: 'Second reminder: invoice {{documentNumber}}',
    },
    {
      level: 3,
      name: 'Final notice',
      delayDays: 45,
      fee: '25.00',
      subject: 'Final notice: invoice {{documentNumber}}',
    },
  ];
  for (const l of levels)
    await createDunningLevel(
      db,
      ctx,
      DunningLevelInput.parse({
        ...l,
        fee: otherIncome ? l.fee : '0',
        feeAccountId: otherIncome && l.fee !== '0' ? otherIncome : null,
        body:
          'Dear {{partyName}},\n\ninvoice {{documentNumber}} of {{documentDate}} was due on {{dueDate}} and is {{daysOverdue}} days overdue: {{amountDue}} {{currency}} are open.' +
          (l.fee !== '0' ? ' We charge a reminder fee of {{fee}} {{currency}}.' : '') +
          '\n\nKind regards,\n{{companyName}}',
      }),
    );
  const customer = await firstActiveCustomer(db);
  if (customer) {
    const start = `${addMonths(today(), -3).slice(0, 7)}-01`;
    await createRecurringTemplate(
      db,
      ctx,
      RecurringTemplateInput.parse({
        kind: 'invoice',
        name: `Support plan — ${customer.name}`.slice(0, 100),
        frequency: 'monthly',
        dayOfMonth: 1,
        startDate: start,
        document: {
          partyId: customer.id,
          paymentTermId: split.id,
          lines: [{ description: 'Monthly support plan', quantity: '1', unitPrice: '450.00' }],
        },
      }),
    );
  }
  const issued = await runRecurring(db, ctx);
  const proposed = await proposeReminders(db, ctx);
  log(
    `finance: 2 payment terms, ${levels.length} reminder levels, ${customer ? 1 : 0} recurring invoice (${issued.issued} issued), ${proposed.proposed} reminders proposed`,
  );
}
