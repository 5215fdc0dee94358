import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { z } from 'zod';
import { api, queryClient, unwrap, type Schema } from '../../../api';
import {
  DateField,
  DateText,
  EmptyState,
  Form,
  Money,
  PageHeader,
  QueryState,
  SubmitButton,
  TextField,
  useAuth,
  useForm,
  useToast,
} from '../../../components';
import { today } from '../decimal';
import '../finance.css';

type Run = Schema<'FxRevaluation'>;
const KEYS = {
  list: ['finance', 'revaluations'] as const,
  run: (id: string) => ['finance', 'revaluation', id] as const,
};
const KIND_LABELS: Record<string, string> = {
  invoice: 'Invoice',
  bill: 'Bill',
  'credit-note': 'Credit note',
  'vendor-credit': 'Vendor credit',
  'bank-account': 'Bank account',
};
const RATE = /^\s*([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)\s*$/;

/** "USD=0.915, GBP=1.16" → { USD: '0.915', GBP: '1.16' } (null when a pair does not read). */
function parseRates(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(/[,;\n]/).filter((p) => p.trim() !== '')) {
    const m = RATE.exec(part);
    if (!m) return null;
    out[m[1]!.toUpperCase()] = m[2]!;
  }
  return out;
}

const schema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a date.'),
  rates: z.string().refine((v) => parseRates(v) !== null, 'Write each rate as CUR=rate, e.g. USD=0.915, GBP=1.16.'),
});

/** Revaluation of open foreign-currency items at a period end: run it, see its lines and its two entries. */
export default function RevaluationPage() {
  const { can } = useAuth();
  const toast = useToast();
  const [selected, setSelected] = useState<string | null>(null);
  const runs = useQuery({
    queryKey: KEYS.list,
    queryFn: () => unwrap(api.GET('/api/v1/finance/revaluations', { params: { query: { limit: 50 } } })),
  });
  const form = useForm({
    initialValues: { date: today(), rates: '' },
    schema,
    onSubmit: async (data) => {
      const run = await unwrap(
        api.POST('/api/v1/finance/revaluations', { body: { date: data.date, rates: parseRates(data.rates) ?? {} } }),
      );
      queryClient.setQueryData(KEYS.run(run.id), run);
      await queryClient.invalidateQueries({ queryKey: KEYS.list });
      setSelected(run.id);
      toast.success(`Revalued at ${run.date}: net ${run.net} ${run.baseCurrency}.`);
    },
  });
  return (
    <>
      <PageHeader
        title="Foreign-currency revaluation"
        description="Open foreign-currency invoices, bills, credits and bank balances at a period end's rates: one unrealised gain/loss entry, reversed on the first day of the next period. One run per period."
      />
      {can('finance:approve') && (
        <section className="card" aria-label="Run a revaluation">
          <h2>Run a revaluation</h2>
          <Form form={form} className="fin-form">
            <DateField form={form} name="date" label="Period-end date" required />
            <TextField
              form={form}
              name="rates"
              label="Rates (base currency per unit)"
              hint="e.g. USD=0.915, GBP=1.16 — a currency left out takes the exchange-rate table's latest rate on or before the date"
            />
            <div>
              <SubmitButton form={form}>Revalue</SubmitButton>
            </div>
          </Form>
        </section>
      )}
      <QueryState query={runs} height="6em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No revaluations yet">Run one at a period end.</EmptyState>
          ) : (
            <div className="table-scroll card">
              <table aria-label="Revaluations">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Entry</th>
                    <th scope="col">Reversal</th>
                    <th scope="col" className="num">
                      Lines
                    </th>
                    <th scope="col" className="num">
                      Gain
                    </th>
                    <th scope="col" className="num">
                      Loss
                    </th>
                    <th scope="col" className="num">
                      Net
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((r) => (
                    <tr key={r.id} aria-selected={r.id === selected}>
                      <td>
                        <button type="button" className="btn-link" onClick={() => setSelected(r.id)}>
                          <DateText value={r.date} />
                        </button>
                      </td>
                      <td>{r.journalEntryNumber ?? '—'}</td>
                      <td>
                        {r.reversalEntryNumber ?? '—'} (<DateText value={r.reversalDate} />)
                      </td>
                      <td className="num">{r.lineCount}</td>
                      <td className="num">
                        <Money amount={r.gain} currency={r.baseCurrency} />
                      </td>
                      <td className="num">
                        <Money amount={r.loss} currency={r.baseCurrency} />
                      </td>
                      <td className="num">
                        <Money amount={r.net} currency={r.baseCurrency} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {selected && <RunDetails id={selected} />}
    </>
  );
}

function RunDetails({ id }: { id: string }) {
  const run = useQuery({
    queryKey: KEYS.run(id),
    queryFn: () => unwrap(api.GET('/api/v1/finance/revaluations/{id}', { params: { path: { id } } })),
  });
  return (
    <QueryState query={run} height="8em">
      {(r: Run) => (
        <section className="card" aria-label="Revaluation lines">
          <h2>
            Revaluation at <DateText value={r.date} />
          </h2>
          <p>
            Rates:{' '}
            {Object.entries(r.rates)
              .map(([c, v]) => `${c} ${v}`)
              .join(', ') || '—'}
            . Entry{' '}
            {r.journalEntryId ? (
              <Link to={`/finance/journal/${r.journalEntryId}`}>{r.journalEntryNumber}</Link>
            ) : (
              'none (nothing changed in value)'
            )}
            {r.reversalEntryId && (
              <>
                , reversed by <Link to={`/finance/journal/${r.reversalEntryId}`}>{r.reversalEntryNumber}</Link> on{' '}
                <DateText value={r.reversalDate} />
              </>
            )}
            .
          </p>
          <div className="table-scroll">
            <table aria-label="Revalued items">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Account</th>
                  <th scope="col" className="num">
                    Open amount
                  </th>
                  <th scope="col" className="num">
                    Rate
                  </th>
                  <th scope="col" className="num">
                    Carrying value
                  </th>
                  <th scope="col" className="num">
                    New value
                  </th>
                  <th scope="col" className="num">
                    Gain / loss
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.lines.map((l) => (
                  <tr key={l.lineNo}>
                    <td>
                      {l.documentId ? (
                        <Link to={`/finance/${l.kind}s/${l.documentId}`}>{l.label}</Link>
                      ) : (
                        <Link to={`/finance/bank-accounts/${l.bankAccountId}`}>{l.label}</Link>
                      )}
                    </td>
                    <td>{KIND_LABELS[l.kind] ?? l.kind}</td>
                    <td>{l.accountCode}</td>
                    <td className="num">
                      <Money amount={l.openAmount} currency={l.currency} />
                    </td>
                    <td className="num">{l.rate}</td>
                    <td className="num">
                      <Money amount={l.oldBase} currency={r.baseCurrency} />
                    </td>
                    <td className="num">
                      <Money amount={l.newBase} currency={r.baseCurrency} />
                    </td>
                    <td className="num">
                      <Money amount={l.difference} currency={r.baseCurrency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </QueryState>
  );
}
