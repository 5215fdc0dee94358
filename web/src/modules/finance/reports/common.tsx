import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useLocation } from '@tanstack/react-router';
import { useId, useState, type ReactNode } from 'react';
import { downloadFile, errorMessage, withQuery } from '../../../api';
import { Money, Progress } from '../../../components';
import { financeKeys } from '../queries';
import '../finance.css';

export const REPORTS = [
  { to: '/finance/reports/trial-balance', label: 'Trial balance' },
  { to: '/finance/reports/profit-and-loss', label: 'Profit and loss' },
  { to: '/finance/reports/balance-sheet', label: 'Balance sheet' },
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

export function startOfYear(date: string): string {
  return `${date.slice(0, 4)}-01-01`;
}

export interface ReportSection {
  total: string;
  groups: {
    accountId: string | null;
    code: string | null;
    name: string;
    total: string;
    accounts: { accountId: string; code: string; name: string; amount: string }[];
  }[];
}

/** Rows of one statement section: a heading row, groups with their accounts, the section total. */
export function SectionRows({ title, section, currency }: { title: string; section: ReportSection; currency: string }) {
  return (
    <tbody>
      <tr className="fin-group-row">
        <th scope="rowgroup" colSpan={3}>
          {title}
        </th>
      </tr>
      {section.groups.map((g) => (
        <GroupRows key={g.accountId ?? g.name} group={g} currency={currency} />
      ))}
      <tr>
        <th scope="row" colSpan={2}>
          Total {title.toLowerCase()}
        </th>
        <td className="num">
          <strong>
            <Money amount={section.total} currency={currency} />
          </strong>
        </td>
      </tr>
    </tbody>
  );
}

function GroupRows({ group, currency }: { group: ReportSection['groups'][number]; currency: string }) {
  return (
    <>
      <tr>
        <td>{group.code}</td>
        <th scope="row">{group.name}</th>
        <td className="num">
          <Money amount={group.total} currency={currency} />
        </td>
      </tr>
      {group.accounts.map((a) => (
        <tr key={a.accountId}>
          <td className="fin-indent muted">{a.code}</td>
          <td className="fin-indent">{a.name}</td>
          <td className="num">
            <Money amount={a.amount} currency={currency} />
          </td>
        </tr>
      ))}
    </>
  );
}
