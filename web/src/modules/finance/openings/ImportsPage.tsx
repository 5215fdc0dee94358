import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import { FormErrorBanner, PageHeader, useAuth, useToast } from '../../../components';
import '../finance.css';

const IMPORTS = {
  chart: {
    title: 'Chart of accounts',
    path: '/api/v1/finance/accounts/import',
    permission: 'finance:admin',
    header: 'code,name,type,parent_code,is_group,description',
    example: '7000,Other expenses,expense,,true,\n7100,Fines,expense,7000,false,',
  },
  openItems: {
    title: 'Open items (opening balances)',
    path: '/api/v1/finance/opening-balances/import',
    permission: 'finance:approve',
    header: 'kind,party_name,date,due_date,amount,currency,exchange_rate,reference',
    example: 'invoice,Acme Retail,2025-12-31,2025-12-15,1200.00,,,INV-OLD-1',
  },
} as const;

/** CSV imports of the chart of accounts and of open items: checked row by row, all or nothing. */
export default function ImportsPage() {
  const { can } = useAuth();
  return (
    <>
      <PageHeader
        title="Imports"
        description="Every row is checked; if any row has an error nothing is imported and every error is listed."
      />
      {(['chart', 'openItems'] as const).map((id) =>
        can(IMPORTS[id].permission) ? <CsvImport key={id} id={id} /> : null,
      )}
    </>
  );
}

function CsvImport({ id }: { id: keyof typeof IMPORTS }) {
  const spec = IMPORTS[id];
  const toast = useToast();
  const queryClient = useQueryClient();
  const [csv, setCsv] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const headingId = `import-${id}-h`;

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const res = await unwrap(api.POST(spec.path, { body: { csv, dryRun } }));
      setResult(
        dryRun
          ? `All ${res.rows} rows are valid: nothing written yet.`
          : `Imported ${res.created} of ${res.rows} rows.`,
      );
      if (!dryRun) {
        toast.success(`Imported ${res.created} rows.`);
        await queryClient.invalidateQueries({ queryKey: ['finance'] });
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const rowErrors = error instanceof ProblemError ? error.errors : [];
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{spec.title}</h2>
      <p className="muted">
        Header: <code>{spec.header}</code>. For example: <code>{spec.example.split('\n')[0]}</code>
      </p>
      <div className="field">
        <label htmlFor={`${headingId}-file`}>CSV file</label>
        <input
          id={`${headingId}-file`}
          type="file"
          accept=".csv,text/csv"
          aria-label={`${spec.title}: CSV file`}
          onChange={(e) => void e.target.files?.[0]?.text().then(setCsv)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${headingId}-text`}>Or paste the CSV</label>
        <textarea
          id={`${headingId}-text`}
          rows={6}
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          aria-label={`${spec.title}: CSV`}
        />
      </div>
      <FormErrorBanner error={rowErrors.length ? null : error} />
      {rowErrors.length > 0 && (
        <div role="alert" className="field-error">
          <p>Nothing was imported. Fix these rows:</p>
          <ul>
            {rowErrors.map((e) => (
              <li key={`${e.path}-${e.message}`}>
                <code>{e.path}</code>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {result && <p aria-live="polite">{result}</p>}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => void run(true)} disabled={busy || !csv.trim()}>
          Check
        </button>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void run(false)}
          disabled={busy || !csv.trim()}
        >
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </section>
  );
}
