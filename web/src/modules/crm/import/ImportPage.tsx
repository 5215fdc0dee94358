import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, errorMessage, ProblemError, unwrap } from '../../../api';
import { EmptyState, FormErrorBanner, listQueryKey, PageHeader, Progress, useToast } from '../../../components';
import { parseCsv, toCsv } from '../shared/csv';
import { ORGANIZATION_SIZES, splitList } from '../shared/lists';
import { crmKeys } from '../shared/queries';
import '../crm.css';

type Kind = 'contacts' | 'organizations';
interface Problem {
  row: number | null;
  field: string;
  message: string;
}
interface Duplicate {
  row: number;
  value: string;
  existingId: string | null;
}
interface Report {
  rows: number;
  problems: Problem[];
  duplicates: Duplicate[];
  /** Data-row numbers (1-based) that would be imported. */
  good: number[];
}

const CHUNK = 100;
const HELP: Record<Kind, string> = {
  contacts:
    'Columns: first_name, last_name (required), emails, phones, title, organization_id, tags, marketing_opted_in, marketing_consent_source. Lists separated by “;”. The contacts export has this format.',
  organizations:
    'Columns: name (required), domain, industry, size, street, city, region, postal_code, country, tags (separated by “;”). The organizations export has this format.',
};

/**
 * CSV import: choose a file, run the dry run, read the row-level report, then import the good rows
 * with progress. Contacts are checked by the API's dry run; organizations (no import endpoint) are
 * checked here and created one by one, duplicates by domain reported by the API.
 */
export default function ImportPage() {
  const search = useSearch({ strict: false }) as { kind?: string };
  const kind: Kind = search.kind === 'organizations' ? 'organizations' : 'contacts';
  const navigate = useNavigate();
  const uid = useId();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState('');
  const [csv, setCsv] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<{ created: number; skipped: Duplicate[] } | null>(null);

  const reset = () => {
    setReport(null);
    setError(null);
    setDone(null);
    setProgress(null);
  };

  const check = async () => {
    reset();
    setChecking(true);
    try {
      setReport(kind === 'contacts' ? await dryRunContacts(csv) : dryRunOrganizations(csv));
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };

  const runImport = async () => {
    if (!report) return;
    const [header, ...data] = parseCsv(csv);
    const good = report.good.map((n) => data[n - 1]!);
    setProgress(0);
    setError(null);
    let created = 0;
    const skipped: Duplicate[] = [];
    try {
      if (kind === 'contacts') {
        for (let i = 0; i < good.length; i += CHUNK) {
          const part = good.slice(i, i + CHUNK);
          const result = await unwrap(
            api.POST('/api/v1/crm/contacts/import', { body: { csv: toCsv([header!, ...part]), dryRun: false } }),
          );
          created += result.created;
          skipped.push(
            ...result.duplicates.map((d) => ({
              row: report.good[i + d.row - 1]!,
              value: d.email,
              existingId: d.existingId,
            })),
          );
          setProgress(Math.min(1, (i + part.length) / good.length));
        }
      } else {
        const names = header!.map((h) => h.trim().toLowerCase());
        for (const [i, cells] of good.entries()) {
          const row = report.good[i]!;
          try {
            await unwrap(api.POST('/api/v1/crm/organizations', { body: organizationBody(names, cells) }));
            created++;
          } catch (e) {
            if (e instanceof ProblemError && e.status === 409)
              skipped.push({
                row,
                value: cell(names, cells, 'domain'),
                existingId: (e.problem.existingId as string | undefined) ?? null,
              });
            else throw new Error(`Row ${row}: ${errorMessage(e)} (rows before it were imported)`, { cause: e });
          }
          setProgress((i + 1) / good.length);
        }
      }
      setDone({ created, skipped });
      toast.success(`Imported ${created} ${kind}.`);
    } catch (e) {
      setError(e);
      setDone({ created, skipped });
    } finally {
      await queryClient.invalidateQueries({
        queryKey: listQueryKey(kind === 'contacts' ? crmKeys.contacts : crmKeys.organizations),
      });
      setProgress(null);
    }
  };

  const importing = progress !== null;
  return (
    <>
      <PageHeader
        title={kind === 'contacts' ? 'Import contacts' : 'Import organizations'}
        description="Check a CSV file first (nothing is saved), then import the rows that passed."
        actions={<Link to={`/crm/${kind}`}>Back to {kind}</Link>}
      />
      <section className="card" aria-labelledby={`${uid}-file-h`}>
        <h2 id={`${uid}-file-h`}>1. Choose a file</h2>
        <div className="toolbar">
          <div className="filter">
            <label htmlFor={`${uid}-kind`}>Import</label>
            <select
              id={`${uid}-kind`}
              value={kind}
              disabled={importing}
              onChange={(e) => {
                reset();
                void navigate({ to: '/crm/import', search: { kind: e.target.value }, replace: true });
              }}
            >
              <option value="contacts">Contacts</option>
              <option value="organizations">Organizations</option>
            </select>
          </div>
          <div className="filter">
            <label htmlFor={`${uid}-file`}>CSV file</label>
            <input
              id={`${uid}-file`}
              type="file"
              accept=".csv,text/csv"
              disabled={importing}
              onChange={async (e) => {
                const file = e.target.files?.[0];
                reset();
                setFileName(file?.name ?? '');
                setCsv(file ? await file.text() : '');
              }}
            />
          </div>
        </div>
        <p className="muted">{HELP[kind]}</p>
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={!csv || checking || importing}
            aria-busy={checking}
            onClick={() => void check()}
          >
            {checking ? 'Checking…' : 'Check the file (dry run)'}
          </button>
          {fileName && <span className="muted">{fileName}</span>}
        </div>
      </section>
      <FormErrorBanner error={error} />
      {report && <ReportView report={report} kind={kind} />}
      {report && !done && (
        <section className="card" aria-labelledby={`${uid}-import-h`}>
          <h2 id={`${uid}-import-h`}>3. Import</h2>
          {importing ? (
            <Progress label={`Importing ${report.good.length} ${kind}`} value={progress} />
          ) : report.good.length === 0 ? (
            <p>No row can be imported: fix the file and check it again.</p>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => void runImport()}>
              Import the {report.good.length} good {report.good.length === 1 ? 'row' : 'rows'}
            </button>
          )}
        </section>
      )}
      {done && (
        <section className="card" aria-labelledby={`${uid}-done-h`}>
          <h2 id={`${uid}-done-h`}>Done</h2>
          <p role="status">
            Imported {done.created} {kind}
            {done.skipped.length > 0 && `; ${done.skipped.length} skipped as duplicates`}.{' '}
            <Link to={`/crm/${kind}`}>Open the {kind}</Link>
          </p>
        </section>
      )}
    </>
  );
}

function ReportView({ report, kind }: { report: Report; kind: Kind }) {
  const uid = useId();
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>2. Dry-run report</h2>
      <ul className="crm-counts" aria-label="Counts">
        <li>
          <strong>{report.rows}</strong> rows
        </li>
        <li className="crm-count-good">
          <strong>{report.good.length}</strong> good
        </li>
        <li className="crm-count-bad">
          <strong>{new Set(report.problems.map((p) => p.row)).size}</strong> with errors
        </li>
        <li>
          <strong>{report.duplicates.length}</strong> duplicates (skipped)
        </li>
      </ul>
      {report.problems.length === 0 && report.duplicates.length === 0 ? (
        <EmptyState title="Every row is fine" />
      ) : (
        <div className="table-scroll">
          <table aria-label="Problems by row">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Field</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={`p${i}`}>
                  <td className="num">{p.row ?? '—'}</td>
                  <td>
                    <code>{p.field}</code>
                  </td>
                  <td>{p.message}</td>
                </tr>
              ))}
              {report.duplicates.map((d) => (
                <tr key={`d${d.row}`}>
                  <td className="num">{d.row}</td>
                  <td>
                    <code>{kind === 'contacts' ? 'emails' : 'domain'}</code>
                  </td>
                  <td>
                    Duplicate: {d.value}{' '}
                    {d.existingId ? (
                      <Link to={`/crm/${kind}/${d.existingId}`}>already exists</Link>
                    ) : (
                      'appears earlier in the file'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

async function dryRunContacts(csv: string): Promise<Report> {
  const result = await unwrap(api.POST('/api/v1/crm/contacts/import', { body: { csv, dryRun: true } }));
  const problems = result.errors.map((e): Problem => {
    const m = /^rows\.(\d+)\.?(.*)$/.exec(e.path);
    return m
      ? { row: Number(m[1]), field: m[2] || '—', message: e.message }
      : { row: null, field: e.path, message: e.message };
  });
  const bad = new Set([...problems.map((p) => p.row), ...result.duplicates.map((d) => d.row)]);
  const good = Array.from({ length: result.rows }, (_, i) => i + 1).filter((n) => !bad.has(n));
  return {
    rows: result.rows,
    problems,
    duplicates: result.duplicates.map((d) => ({ row: d.row, value: d.email, existingId: d.existingId })),
    good,
  };
}

const ORG_COLUMNS = [
  'name',
  'domain',
  'industry',
  'size',
  'street',
  'city',
  'region',
  'postal_code',
  'country',
  'tags',
];
const ORG_IGNORED = ['id', 'owner_id', 'parent_id', 'created_at'];
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/;

function cell(names: string[], cells: string[], column: string): string {
  const i = names.indexOf(column);
  return i < 0 ? '' : (cells[i] ?? '').trim();
}
function normalizeDomain(v: string) {
  return v
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '');
}

function organizationBody(names: string[], cells: string[]) {
  const get = (c: string) => cell(names, cells, c);
  const address = {
    street: get('street'),
    city: get('city'),
    region: get('region'),
    postalCode: get('postal_code'),
    country: get('country'),
  };
  const filled = Object.fromEntries(Object.entries(address).filter(([, v]) => v));
  return {
    name: get('name'),
    domain: get('domain') ? normalizeDomain(get('domain')) : null,
    industry: get('industry') || null,
    size: (get('size') || null) as (typeof ORGANIZATION_SIZES)[number] | null,
    tags: splitList(get('tags').replace(/;/g, ',')),
    address: Object.keys(filled).length ? filled : null,
  };
}

/** Organizations have no import endpoint: the same checks as the API's schema, done here. */
function dryRunOrganizations(csv: string): Report {
  const [header, ...data] = parseCsv(csv);
  const names = (header ?? []).map((h) => h.trim().toLowerCase());
  const unknown = names.filter((n) => !ORG_COLUMNS.includes(n) && !ORG_IGNORED.includes(n));
  if (unknown.length || !names.includes('name'))
    throw new Error(unknown.length ? `Unknown column(s): ${unknown.join(', ')}.` : 'The header needs a name column.');
  const problems: Problem[] = [];
  const duplicates: Duplicate[] = [];
  const good: number[] = [];
  const seen = new Set<string>();
  data.forEach((cells, i) => {
    const row = i + 1;
    const before = problems.length;
    const get = (c: string) => cell(names, cells, c);
    if (!get('name')) problems.push({ row, field: 'name', message: 'Required.' });
    if (get('name').length > 200) problems.push({ row, field: 'name', message: 'At most 200 characters.' });
    const domain = get('domain') ? normalizeDomain(get('domain')) : '';
    if (domain && !DOMAIN.test(domain))
      problems.push({ row, field: 'domain', message: 'A domain such as example.com.' });
    if (get('size') && !(ORGANIZATION_SIZES as readonly string[]).includes(get('size')))
      problems.push({ row, field: 'size', message: `One of ${ORGANIZATION_SIZES.join(', ')}.` });
    if (get('industry').length > 200) problems.push({ row, field: 'industry', message: 'At most 200 characters.' });
    if (get('postal_code').length > 20) problems.push({ row, field: 'postal_code', message: 'At most 20 characters.' });
    if (splitList(get('tags').replace(/;/g, ',')).some((t) => t.length > 50))
      problems.push({ row, field: 'tags', message: 'Tags have at most 50 characters.' });
    if (problems.length > before) return;
    if (domain && seen.has(domain)) {
      duplicates.push({ row, value: domain, existingId: null });
      return;
    }
    if (domain) seen.add(domain);
    good.push(row);
  });
  return { rows: data.length, problems, duplicates, good };
}
