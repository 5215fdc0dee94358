import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, downloadFile, unwrap } from '../../../api';
import { DateText, Money, QueryState, useAuth, useToast } from '../../../components';
import type { Party } from '../queries';
import { sendKeys } from './DocumentPrinting';
import { SendButton, type SendBody } from './SendDialog';
import { SendLog } from './SendLog';

const today = () => new Date().toISOString().slice(0, 10);
const BUCKETS = [
  ['current', 'Current'],
  ['1-30', '1–30 days'],
  ['31-60', '31–60 days'],
  ['61-90', '61–90 days'],
  ['90+', 'Over 90 days'],
  ['total', 'Total'],
] as const;

/** A customer's statement of account for a period: on screen, as a PDF, and by email (with its log). */
export function StatementSection({ party }: { party: Party }) {
  const { can } = useAuth();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState({ from: `${today().slice(0, 4)}-01-01`, to: today() });
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const statement = useQuery({
    queryKey: ['finance', 'statement', party.id, period.from, period.to],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/finance/parties/{id}/statement', {
          params: { path: { id: party.id }, query: { from: period.from, to: period.to } },
        }),
      ),
    enabled: valid,
  });
  const send = (body: SendBody) =>
    unwrap(
      api.POST('/api/v1/finance/parties/{id}/statement/send', {
        params: { path: { id: party.id }, query: { from: period.from, to: period.to } },
        body,
      }),
    );
  const download = async () => {
    try {
      await downloadFile(
        `/api/v1/finance/parties/${party.id}/statement/pdf?from=${period.from}&to=${period.to}&download=true`,
        `Statement-${period.from}-${period.to}.pdf`,
      );
    } catch (error) {
      toast.error(error);
    }
  };
  return (
    <section className="card" aria-labelledby="statement-h">
      <h2 id="statement-h">Statement of account</h2>
      <div className="fin-header-fields">
        <label>
          From{' '}
          <input type="date" value={period.from} onChange={(e) => setPeriod((p) => ({ ...p, from: e.target.value }))} />
        </label>
        <label>
          To <input type="date" value={period.to} onChange={(e) => setPeriod((p) => ({ ...p, to: e.target.value }))} />
        </label>
      </div>
      {!valid && <p className="banner banner-warning">The period starts after it ends.</p>}
      {valid && (
        <QueryState query={statement} height="6em">
          {(s) => (
            <>
              <div className="table-scroll">
                <table aria-label="Statement of account">
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Type</th>
                      <th scope="col">Number</th>
                      <th scope="col" className="num">
                        Debit
                      </th>
                      <th scope="col" className="num">
                        Credit
                      </th>
                      <th scope="col" className="num">
                        Balance
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr>
                      <td>
                        <DateText value={s.from} />
                      </td>
                      <td colSpan={4}>Opening balance</td>
                      <td className="num">
                        <Money amount={s.openingBalance} currency={s.currency} />
                      </td>
                    </tr>
                    {s.lines.map((l) => (
                      <tr key={`${l.itemId}-${l.type}-${l.date}`}>
                        <td>
                          <DateText value={l.date} />
                        </td>
                        <td>{l.type}</td>
                        <td>{l.number ?? ''}</td>
                        <td className="num">
                          {Number(l.debit) === 0 ? '' : <Money amount={l.debit} currency={s.currency} />}
                        </td>
                        <td className="num">
                          {Number(l.credit) === 0 ? '' : <Money amount={l.credit} currency={s.currency} />}
                        </td>
                        <td className="num">
                          <Money amount={l.balance} currency={s.currency} />
                        </td>
                      </tr>
                    ))}
                    <tr>
                      <td>
                        <DateText value={s.to} />
                      </td>
                      <td colSpan={4}>
                        <strong>Closing balance</strong>
                      </td>
                      <td className="num">
                        <strong>
                          <Money amount={s.closingBalance} currency={s.currency} />
                        </strong>
                      </td>
                    </tr>
                  </tbody>
                </table>
              </div>
              <table aria-label="Ageing" className="fin-report-table">
                <thead>
                  <tr>
                    {BUCKETS.map(([key, label]) => (
                      <th key={key} scope="col" className="num">
                        {label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    {BUCKETS.map(([key]) => (
                      <td key={key} className="num">
                        <Money amount={s.ageing[key]} currency={s.currency} />
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </>
          )}
        </QueryState>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void download()} disabled={!valid}>
          Download statement PDF
        </button>
        {can('finance:write') && (
          <SendButton
            what="statement"
            defaultTo={party.email}
            send={send}
            disabled={!valid}
            onSent={() => void queryClient.invalidateQueries({ queryKey: sendKeys.statement(party.id) })}
          />
        )}
      </div>
      <h3>Statements sent</h3>
      <SendLog
        queryKey={sendKeys.statement(party.id)}
        load={() =>
          unwrap(api.GET('/api/v1/finance/parties/{id}/statement/sends', { params: { path: { id: party.id } } }))
        }
      />
    </section>
  );
}
