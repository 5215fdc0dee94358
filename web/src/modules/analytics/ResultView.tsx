import { BarChart, LineChart, formatMoney } from '../../components';
import { AreaChart, FunnelChart, PieChart } from './charts';
import { chartPoints, pivotOf } from './model';
import type { Cell, QueryResult, ResultColumn, Visualization } from './api';

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

/**
 * The result of a question: its chart (bar, line, area, pie, funnel) or number above its table with
 * the totals (the chart's accessible alternative); a pivot as its own table, the rows folded below.
 */
export function ResultView({
  result,
  visualization,
  title,
}: {
  result: QueryResult;
  visualization: Visualization;
  title: string;
}) {
  const { measure, points } = chartPoints(result);
  const pivot = visualization === 'pivot' ? pivotOf(result) : null;
  const charts = { bar: BarChart, line: LineChart, area: AreaChart, pie: PieChart, funnel: FunnelChart } as const;
  const Chart = visualization in charts ? charts[visualization as keyof typeof charts] : null;
  return (
    <div className="an-result">
      {visualization === 'number' && measure ? (
        <NumberView result={result} measure={measure} title={title} />
      ) : Chart && measure ? (
        <Chart title={title} data={points} />
      ) : null}
      {pivot ? (
        <>
          <PivotTable pivot={pivot} title={title} truncated={result.truncated} />
          <details className="an-rows">
            <summary>Rows</summary>
            <ResultTable result={result} title={title} />
          </details>
        </>
      ) : (
        <ResultTable result={result} title={title} />
      )}
    </div>
  );
}

/** One dimension across the columns (a column per value, per measure when several), the others down the rows. */
function PivotTable({
  pivot,
  title,
  truncated,
}: {
  pivot: NonNullable<ReturnType<typeof pivotOf>>;
  title: string;
  truncated: boolean;
}) {
  const { rowColumns, across, keys, measures, rows } = pivot;
  const several = measures.length > 1;
  const empty = (c: ResultColumn) => ({ [c.name]: null }) as Record<string, Cell>;
  return (
    <div className="table-scroll">
      <table className="an-pivot">
        <caption className="visually-hidden">
          {title}: pivot by {across.label}
        </caption>
        <thead>
          <tr>
            {rowColumns.map((c) => (
              <th key={c.name} scope="col" rowSpan={several ? 2 : 1}>
                {c.label}
                {c.grain ? ` (${c.grain})` : ''}
              </th>
            ))}
            {keys.map((k) => (
              <th key={k} scope="col" colSpan={several ? measures.length : 1} className={several ? undefined : 'num'}>
                {k}
              </th>
            ))}
          </tr>
          {several && (
            <tr>
              {keys.flatMap((k) =>
                measures.map((m) => (
                  <th key={`${k}-${m.name}`} scope="col" className="num">
                    {m.label}
                  </th>
                )),
              )}
            </tr>
          )}
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={rowColumns.length + keys.length * measures.length || 1} className="muted">
                No rows match.
              </td>
            </tr>
          ) : (
            rows.map((row, i) => (
              <tr key={i}>
                {rowColumns.map((c, j) =>
                  j === 0 ? (
                    <th key={c.name} scope="row">
                      {cellText(c, row.head)}
                    </th>
                  ) : (
                    <td key={c.name}>{cellText(c, row.head)}</td>
                  ),
                )}
                {keys.flatMap((k) =>
                  measures.map((m) => {
                    const source = row.cells.get(k);
                    return (
                      <td key={`${k}-${m.name}`} className="num">
                        {cellText(m, source ?? empty(m))}
                      </td>
                    );
                  }),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
      {truncated && <p className="muted">More rows matched than the limit: raise it to see them all.</p>}
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
        {/* Totals under grouped rows (without a group, the one row is the total). */}
        {measures.length > 0 && measures.length < result.columns.length && result.totals.length > 0 && (
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
