import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { announceJobStarted } from '../../../shell/JobsTray';
import { EmptyState, FormErrorBanner, listQueryKey, PageHeader, Progress, useToast } from '../../../components';
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
/** The API's row-level report (dry run or real run), the same for both kinds. */
interface Report {
  dryRun: boolean;
  rows: number;
  created: number;
  skipped: number;
  problems: Problem[];
  duplicates: Duplicate[];
}

/** The API refuses request bodies above 1 MiB; the JSON around the CSV needs a little room. */
const MAX_FILE_BYTES = 1_000_000;
/**
 * Larger files are uploaded to the file store and imported by a background job
 * (`POST /api/v1/crm/imports`), which reports its progress per row; the report is the same.
 */
const BACKGROUND_KINDS: readonly Kind[] = ['contacts', 'organizations'];
const HELP: Record<Kind, string> = {
  contacts:
    'Columns: first_name, last_name (required), emails, phones, title, organization_id, tags, marketing_opted_in, marketing_consent_source. Lists separated by “;”. The contacts export has this format.',
  organizations:
    'Columns: name (required), domain, industry, size, street, city, region, postal_code, country, tags (separated by “;”), parent (the name or domain of an organization you can see, or of an earlier row). The organizations export has this format.',
};

/**
 * CSV import: choose a file, run the API's dry run (nothing is saved), read the row-level report,
 * then import: the whole file goes to the API once, which writes every good row in one transaction
 * and reports the rows it skipped (errors, duplicates).
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
  const [bigFile, setBigFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<string | null>(null);
  const [jobProgress, setJobProgress] = useState<string | null>(null);
  const run = async (dryRun: boolean): Promise<Report> => {
    if (!bigFile) return runImport(kind, csv, dryRun);
    const attachmentId = upload ?? (await uploadImportFile(bigFile));
    setUpload(attachmentId);
    return runBackgroundImport(kind, attachmentId, dryRun, setJobProgress);
  };
  const [report, setReport] = useState<Report | null>(null);
  const [done, setDone] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const [importing, setImporting] = useState(false);

  const reset = () => {
    setReport(null);
    setDone(null);
    setError(null);
  };

  const check = async () => {
    reset();
    setChecking(true);
    try {
      setReport(await run(true));
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  };

  const importGoodRows = async () => {
    setError(null);
    setImporting(true);
    try {
      const result = await run(false);
      setDone(result);
      toast.success(`Imported ${result.created} ${kind}.`);
    } catch (e) {
      setError(e); // nothing was written: the import is one transaction
    } finally {
      setImporting(false);
      await queryClient.invalidateQueries({
        queryKey: listQueryKey(kind === 'contacts' ? crmKeys.contacts : crmKeys.organizations),
      });
    }
  };

  const busy = checking || importing;
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
              disabled={busy}
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
              disabled={busy}
              onChange={async (e) => {
                const file = e.target.files?.[0];
                reset();
                setFileName(file?.name ?? '');
                setBigFile(null);
                setUpload(null);
                if (file && file.size > MAX_FILE_BYTES && BACKGROUND_KINDS.includes(kind)) {
                  setCsv('');
                  setBigFile(file);
                  return;
                }
                if (file && file.size > MAX_FILE_BYTES) {
                  setCsv('');
                  setError(new Error(`${file.name} is larger than 1 MB: split it into smaller files.`));
                  return;
                }
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
            disabled={(!csv && !bigFile) || busy}
            aria-busy={checking}
            onClick={() => void check()}
          >
            {checking ? 'Checking…' : 'Check the file (dry run)'}
          </button>
          {fileName && <span className="muted">{fileName}</span>}
        </div>
        {bigFile && <p className="muted">A large file: it is uploaded and checked in the background.</p>}
        {checking && bigFile && <Progress label={jobProgress ?? 'Uploading…'} />}
      </section>
      <FormErrorBanner error={error} />
      {report && !done && <ReportView report={report} kind={kind} />}
      {report && !done && (
        <section className="card" aria-labelledby={`${uid}-import-h`}>
          <h2 id={`${uid}-import-h`}>3. Import</h2>
          {importing ? (
            <Progress label={bigFile && jobProgress ? jobProgress : `Importing ${report.created} ${kind}`} />
          ) : report.created === 0 ? (
            <p>No row can be imported: fix the file and check it again.</p>
          ) : (
            <>
              <p className="muted">
                The good rows are imported together (all or nothing); the {report.skipped} other{' '}
                {report.skipped === 1 ? 'row is' : 'rows are'} skipped and listed again.
              </p>
              <button type="button" className="btn btn-primary" onClick={() => void importGoodRows()}>
                Import the {report.created} good {report.created === 1 ? 'row' : 'rows'}
              </button>
            </>
          )}
        </section>
      )}
      {done && (
        <>
          <section className="card" aria-labelledby={`${uid}-done-h`}>
            <h2 id={`${uid}-done-h`}>Done</h2>
            <p role="status">
              Imported {done.created} {kind}
              {done.skipped > 0 && `; ${done.skipped} ${done.skipped === 1 ? 'row' : 'rows'} skipped`}.{' '}
              <Link to={`/crm/${kind}`}>Open the {kind}</Link>
            </p>
          </section>
          {done.skipped > 0 && <ReportView report={done} kind={kind} />}
        </>
      )}
    </>
  );
}

function ReportView({ report, kind }: { report: Report; kind: Kind }) {
  const uid = useId();
  // Errors and duplicates together, in row order (file-level problems first).
  const lines = [
    ...report.problems.map((p, i) => ({ key: `p${i}`, row: p.row, field: p.field, message: <>{p.message}</> })),
    ...report.duplicates.map((d) => ({
      key: `d${d.row}`,
      row: d.row as number | null,
      field: kind === 'contacts' ? 'emails' : 'domain',
      message: (
        <>
          Duplicate: {d.value}{' '}
          {d.existingId ? (
            <Link to={`/crm/${kind}/${d.existingId}`}>already exists</Link>
          ) : (
            'appears earlier in the file'
          )}
        </>
      ),
    })),
  ].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return (
    <section className="card" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>{report.dryRun ? '2. Dry-run report' : 'Skipped rows'}</h2>
      <ul className="crm-counts" aria-label="Counts">
        <li>
          <strong>{report.rows}</strong> rows
        </li>
        <li className="crm-count-good">
          <strong>{report.created}</strong> {report.dryRun ? 'good' : 'imported'}
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
              {lines.map((line) => (
                <tr key={line.key}>
                  <td className="num">{line.row ?? '—'}</td>
                  <td>
                    <code>{line.field}</code>
                  </td>
                  <td>{line.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type ContactsResult = Schema<'ImportContactsResult'>;
type OrganizationsResult = Schema<'ImportOrganizationsResult'>;

/** One request with the whole file: a dry run, or the real run (good rows written, the rest reported). */
async function runImport(kind: Kind, csv: string, dryRun: boolean): Promise<Report> {
  const body = { csv, dryRun, onError: 'skip' as const };
  if (kind === 'contacts') {
    const r: ContactsResult = await unwrap(api.POST('/api/v1/crm/contacts/import', { body }));
    return toReport(
      r,
      r.duplicates.map((d) => ({ row: d.row, value: d.email, existingId: d.existingId })),
    );
  }
  const r: OrganizationsResult = await unwrap(api.POST('/api/v1/crm/organizations/import', { body }));
  return toReport(
    r,
    r.duplicates.map((d) => ({ row: d.row, value: d.domain, existingId: d.existingId })),
  );
}

function toReport(r: Omit<ContactsResult, 'duplicates'>, duplicates: Duplicate[]): Report {
  const problems = r.errors.map((e): Problem => {
    const m = /^rows\.(\d+)\.?(.*)$/.exec(e.path);
    return m
      ? { row: Number(m[1]), field: m[2] || '—', message: e.message }
      : { row: null, field: e.path, message: e.message };
  });
  return { dryRun: r.dryRun, rows: r.rows, created: r.created, skipped: r.skipped, problems, duplicates };
}

/** Declare → PUT → complete: the file as a `crm.import` upload (docs/files.md), for a background import. */
async function uploadImportFile(file: File): Promise<string> {
  const declared = await unwrap(
    api.POST('/api/v1/files/uploads', {
      body: {
        recordType: 'crm.import',
        recordId: crypto.randomUUID(),
        fileName: file.name,
        contentType: 'text/csv',
        size: file.size,
      },
    }),
  );
  const put = await fetch(declared.upload.url, { method: 'PUT', headers: declared.upload.headers, body: file });
  if (!put.ok) throw new Error(`The upload was refused (${put.status}).`);
  const done = await unwrap(api.POST('/api/v1/files/uploads/{id}/complete', { params: { path: { id: declared.id } } }));
  return done.id;
}

const POLL_MS = 1_000;

/** Starts the background import, follows its progress (also in the jobs tray) and answers its report. */
async function runBackgroundImport(
  kind: Kind,
  attachmentId: string,
  dryRun: boolean,
  onProgress: (message: string) => void,
): Promise<Report> {
  const { jobId } = await unwrap(api.POST('/api/v1/crm/imports', { body: { kind, attachmentId, dryRun } }));
  announceJobStarted(jobId);
  for (;;) {
    const job = await unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId } } }));
    if (job.status === 'succeeded') {
      // The report of the kind's synchronous import: duplicates by email (contacts) or domain.
      const r = job.result as Omit<ContactsResult, 'duplicates'> & {
        duplicates: { row: number; email?: string; domain?: string; existingId: string | null }[];
      };
      return toReport(
        r,
        r.duplicates.map((d) => ({ row: d.row, value: d.email ?? d.domain ?? '', existingId: d.existingId })),
      );
    }
    if (job.status === 'failed' || job.status === 'cancelled')
      throw new Error(job.error ?? `The import was ${job.status}.`);
    onProgress(job.progressMessage ?? 'Waiting to start…');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
