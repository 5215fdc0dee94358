import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { useId, useState, type ReactNode } from 'react';
import { downloadFile, errorMessage, withQuery } from '../../../api';
import { Money, Progress } from '../../../components';
import { subDecimals } from '../decimal';
import { financeKeys } from '../queries';
import '../finance.css';

export const REPORTS = [
  { to: '/finance/reports/trial-balance', label: 'Trial balance' },
  { to: '/finance/reports/profit-and-loss', label: 'Profit and loss' },
  { to: '/finance/reports/balance-sheet', label: 'Balance sheet' },
  { to: '/finance/reports/cash-flow', label: 'Cash flow' },
  { to: '/finance/reports/aging', label: 'Aging' },
  { to: '/finance/reports/tie-out', label: 'Tie-out' },
  { to: '/finance/reports/general-ledger', label: 'General ledger' },
  { to: '/finance/reports/budget-vs-actual', label: 'Budget vs actual' },
  { to: '/finance/reports/tax-return', label: 'Tax return' },
] as const;

/** The tab strip between the reports (links: each report has its own URL). */
export function ReportTabs() {
  const { pathname } = useLocation();
  return (
    <nav className="fin-tabs" aria-label="Reports">
      {REPORTS.map((r) => (
        <Link key={r.to} to={r.to} aria-current={pathname === r.to ? 'page' : undefined}>
          {r.label}
        </Link>
      ))}
    </nav>
  );
}

/**
 * A report's JSON, loaded with the typed client: `useReport(['trial-balance', query], (signal) =>
 * unwrap(api.GET(PATH, { params: { query }, signal })))`. The previous figures stay shown while new ones load.
 */
export function useReport<T>(key: readonly unknown[], load: (signal: AbortSignal) => Promise<T>, enabled = true) {
  return useQuery({
    queryKey: [...financeKeys.reports, ...key],
    queryFn: ({ signal }) => load(signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** "Download CSV" for a report: its `.csv` route with the same query, a progress bar while it downloads. */
export function CsvButton({
  path,
  query,
  filename,
}: {
  path: string;
  query: Record<string, string | undefined>;
  filename: string;
}) {
  const [state, setState] = useState<'idle' | 'busy' | { error: string }>('idle');
  const download = async () => {
    setState('busy');
    try {
      await downloadFile(withQuery(`${path}.csv`, query), filename);
      setState('idle');
    } catch (error) {
      setState({ error: errorMessage(error) });
    }
  };
  return (
    <div className="fin-csv">
      <button
        type="button"
        className="btn"
        onClick={() => void download()}
        disabled={state === 'busy'}
        aria-busy={state === 'busy'}
      >
        {state === 'busy' ? 'Downloading…' : 'Download CSV'}
      </button>
      {state === 'busy' && <Progress label="Preparing the CSV" />}
      {typeof state === 'object' && (
        <p className="field-error" role="alert">
          Download failed: {state.error}
        </p>
      )}
    </div>
  );
}

/** A labelled date input for report controls. */
export function DateInput({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="date" value={value} onChange={(e) => e.target.value && onChange(e.target.value)} />
    </div>
  );
}

export function ReportControls({ children }: { children: ReactNode }) {
  return (
    <div className="fin-report-controls" role="group" aria-label="Report options">
      {children}
    </div>
  );
}

/** A YYYY-MM-DD string (from the URL, where anything can be typed). */
export const isIsoDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function startOfYear(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

export interface ReportSection {
  total: string;
  compareTotal?: string;
  groups: {
    accountId: string | null;
    code: string | null;
    name: string;
    total: string;
    compareTotal?: string;
    accounts: { accountId: string; code: string; name: string; amount: string; compareAmount?: string }[];
  }[];
}

/** How a statement's rows link to the general ledger: the period each account's figure covers. */
export interface Drill {
  from: string;
  to: string;
}

/** Columns of a statement table: the figure, and with a comparison the other period's figure and the change. */
export function AmountHeaders({ compareLabel }: { compareLabel?: string | undefined }) {
  return (
    <>
      <th scope="col" className="num">
        Amount
      </th>
      {compareLabel !== undefined && (
        <>
          <th scope="col" className="num">
            {compareLabel}
          </th>
          <th scope="col" className="num">
            Change
          </th>
        </>
      )}
    </>
  );
}

/** This period's figure minus the other's, at the figure's own decimals (amounts come formatted by the server). */
const change = (amount: string, compare = '0') => subDecimals(amount, compare, amount.split('.')[1]?.length ?? 0);

function Amounts({
  amount,
  compare,
  compared,
  currency,
  strong = false,
}: {
  amount: string;
  compare: string | undefined;
  compared: boolean;
  currency: string;
  strong?: boolean;
}) {
  const wrap = (node: ReactNode) => (strong ? <strong>{node}</strong> : node);
  return (
    <>
      <td className="num">{wrap(<Money amount={amount} currency={currency} />)}</td>
      {compared && (
        <>
          <td className="num">{wrap(<Money amount={compare ?? '0'} currency={currency} />)}</td>
          <td className="num">{wrap(<Money amount={change(amount, compare)} currency={currency} />)}</td>
        </>
      )}
    </>
  );
}

/**
 * Rows of one statement section: a heading row, groups with their accounts, the section total. With
 * `drill`, each account's name links to its general ledger over that period; a section with
 * comparison figures gets the other period's column and the change.
 */
export function SectionRows({
  title,
  section,
  currency,
  drill,
}: {
  title: string;
  section: ReportSection;
  currency: string;
  drill?: Drill | undefined;
}) {
  const compared = section.compareTotal !== undefined;
  return (
    <tbody>
      <tr className="fin-group-row">
        <th scope="rowgroup" colSpan={compared ? 5 : 3}>
          {title}
        </th>
      </tr>
      {section.groups.map((g) => (
        <GroupRows key={g.accountId ?? g.name} group={g} currency={currency} drill={drill} compared={compared} />
      ))}
      <tr>
        <th scope="row" colSpan={2}>
          Total {title.toLowerCase()}
        </th>
        <Amounts amount={section.total} compare={section.compareTotal} compared={compared} currency={currency} strong />
      </tr>
    </tbody>
  );
}

function GroupRows({
  group,
  currency,
  drill,
  compared,
}: {
  group: ReportSection['groups'][number];
  currency: string;
  drill: Drill | undefined;
  compared: boolean;
}) {
  return (
    <>
      <tr>
        <td>{group.code}</td>
        <th scope="row">{group.name}</th>
        <Amounts amount={group.total} compare={group.compareTotal} compared={compared} currency={currency} />
      </tr>
      {group.accounts.map((a) => (
        <tr key={a.accountId}>
          <td className="fin-indent muted">{a.code}</td>
          <td className="fin-indent">
            {drill ? (
              <Link
                to="/finance/reports/general-ledger"
                search={{ accountId: a.accountId, from: drill.from, to: drill.to }}
                title={`General ledger of ${a.code} ${a.name}`}
              >
                {a.name}
              </Link>
            ) : (
              a.name
            )}
          </td>
          <Amounts amount={a.amount} compare={a.compareAmount} compared={compared} currency={currency} />
        </tr>
      ))}
    </>
  );
}
