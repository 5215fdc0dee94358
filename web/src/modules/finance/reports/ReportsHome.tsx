import { Link } from '@tanstack/react-router';
import { PageHeader } from '../../../components';
import { REPORTS, ReportTabs } from './common';

const DESCRIPTIONS: Record<string, string> = {
  '/finance/reports/trial-balance': 'Debits, credits and balance of every account at a date.',
  '/finance/reports/profit-and-loss': 'Income, expenses and the net result over a period.',
  '/finance/reports/balance-sheet': 'Assets, liabilities and equity at a date.',
  '/finance/reports/cash-flow':
    'Operating, investing and financing cash flows over a period, tied to the cash accounts.',
  '/finance/reports/aging': 'Open receivables and payables by days past due.',
  '/finance/reports/tie-out': 'Receivables and payables aging totals against their control accounts (always equal).',
  '/finance/reports/general-ledger': 'Every posted line of one account over a period, with the running balance.',
  '/finance/reports/budget-vs-actual': 'Budgeted against posted income and expenses, per account, with the variance.',
};

export default function ReportsHome() {
  return (
    <>
      <PageHeader title="Reports" description="Every report reads posted entries only, in the base currency." />
      <ReportTabs />
      <ul className="grid-2 plain-list">
        {REPORTS.map((r) => (
          <li key={r.to} className="card">
            <h2>
              <Link to={r.to}>{r.label}</Link>
            </h2>
            <p className="muted">{DESCRIPTIONS[r.to]}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
