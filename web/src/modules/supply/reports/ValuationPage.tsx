import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, downloadFile, unwrap, withQuery } from '../../../api';
import { Money, PageHeader, QueryState } from '../../../components';
import { qty } from '../queries';
import '../supply.css';

const today = () => new Date().toISOString().slice(0, 10);

/** What the stock is worth as of a date: per item and in total (equal to the inventory account). */
export default function ValuationPage() {
  const [asOf, setAsOf] = useState(today);
  const valuation = useQuery({
    queryKey: ['supply', 'valuation', asOf],
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(asOf),
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const v = await unwrap(
        api.GET('/api/v1/supply/stock/valuation', { params: { query: { asOf, format: 'json' } } }),
      );
      if (typeof v === 'string') throw new Error('The valuation came back as CSV.');
      return v;
    },
  });
  return (
    <>
      <PageHeader
        title="Stock valuation"
        description="The value of the stock on a date; it equals the inventory account's balance in the ledger."
        actions={
          <button
            type="button"
            className="btn"
            onClick={() =>
              void downloadFile(
                withQuery('/api/v1/supply/stock/valuation', { asOf, format: 'csv' }),
                `valuation-${asOf}.csv`,
              )
            }
          >
            Export CSV
          </button>
        }
      />
      <div className="field supply-filter">
        <label htmlFor="valuation-as-of">As of</label>
        <input id="valuation-as-of" type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} />
      </div>
      <QueryState query={valuation}>
        {(v) => (
          <div className="table-scroll">
            <table aria-label="Stock valuation">
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Item</th>
                  <th scope="col" className="num">
                    Quantity
                  </th>
                  <th scope="col" className="num">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.items.map((i) => (
                  <tr key={i.itemId}>
                    <td>
                      <Link to={`/supply/items/${i.itemId}`}>{i.sku}</Link>
                    </td>
                    <td>{i.name}</td>
                    <td className="num">{qty(i.quantity)}</td>
                    <td className="num">
                      <Money amount={i.value} currency={v.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="num" data-testid="valuation-total">
                    <Money amount={v.total} currency={v.currency} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </QueryState>
    </>
  );
}
