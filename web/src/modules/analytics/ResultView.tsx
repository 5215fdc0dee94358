import { BarChart, LineChart, formatMoney } from '../../components';
import { chartPoints } from './model';
import type { Cell, QueryResult, ResultColumn, ServerVisualization } from './api';

/** A cell as text: amounts with their row's currency, dates and numbers as the API gives them. */
function cellText(column: ResultColumn, row: Record<string, Cell>): string {
  const value = row[column.name];
  if (value === null || value === undefined) return '—';
  if (column.type === 'money' && column.currencyField) {
    const currency = row[column.currencyField];
    if (typeof currency === 'string' && /^[A-Z]{3}$/.test(currency)) return formatMoney(String(value), currency);
  }
  return String(value);
}

const numeric = (c: ResultColumn) => c.kind === 'measure' || c.type === 'number' || c.type === 'money';

/** The result of a question: its chart (bar, line or number) above its table with the totals. */
export function ResultView({
  result,
  visualization,
  title,
}: {
  result: QueryResult;
  visualization: ServerVisualization;
  title: string;
}) {
  const { measure, points } = chartPoints(result);
  return (
    <div className="an-result">
      {visualization === 'number' && measure ? (
        <NumberView result={result} measure={measure} title={title} />
      ) : visualization === 'bar' && measure ? (
        <BarChart title={title} data={points} />
      ) : visualization === 'line' && measure ? (
        <LineChart title={title} data={points} />
      ) : null}
      <ResultTable result={result} title={title} />
    </div>
  );
}

function NumberView({ result, measure, title }: { result: QueryResult; measure: ResultColumn; title: string }) {
  const totals = result.totals.length ? result.totals : result.rows.slice(0, 1);
  return (
    <figure className="an-number">
      {totals.map((row, i) => (
        <p key={i} className="an-number-value">
          {cellText(measure, row)}
        </p>
      ))}
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export function ResultTable({ result, title }: { result: QueryResult; title: string }) {
  const measures = result.columns.filter((c) => c.kind === 'measure');
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{title}: result</caption>
        <thead>
          <tr>
            {result.columns.map((c) => (
              <th key={c.name} scope="col" className={numeric(c) ? 'num' : undefined}>
                {c.label}
                {c.grain ? ` (${c.grain})` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.rows.length === 0 ? (
            <tr>
              <td colSpan={result.columns.length} className="muted">
                No rows match.
              </td>
            </tr>
          ) : (
            result.rows.map((row, i) => (
              <tr key={i}>
                {result.columns.map((c) => (
                  <td key={c.name} className={numeric(c) ? 'num' : undefined}>
                    {cellText(c, row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        {measures.length > 0 && result.totals.length > 0 && (
          <tfoot>
            {result.totals.map((row, i) => (
              <tr key={i}>
                {result.columns.map((c, j) => (
                  <td key={c.name} className={numeric(c) ? 'num' : undefined}>
                    {c.kind === 'measure' || c.name in row ? cellText(c, row) : j === 0 ? 'Total' : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
      {result.truncated && <p className="muted">More rows matched than the limit: raise it to see them all.</p>}
    </div>
  );
}
