import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, listFetcher, unwrap, type Schema } from '../../api';
import {
  DataTable,
  Form,
  formatDateTime,
  listQueryKey,
  PageHeader,
  Progress,
  SelectField,
  useAuth,
  useForm,
  useToast,
  type Column,
} from '../../components';
import { complianceKeys, useFrameworks } from './api';
import './compliance.css';

type Report = Schema<'ComplianceReport'>;
type Verification = Schema<'ComplianceReportVerification'>;
type Kind = Report['kind'];
type Format = Report['format'];

const LIST_ID = 'compliance-reports';
const KIND_LABELS: Record<Kind, string> = { soa: 'Statement of Applicability', audit: 'Audit report' };
const FORMAT_LABELS: Record<Format, string> = { pdf: 'PDF', xlsx: 'Excel (XLSX)' };
const STATUS_LABELS: Record<Report['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Ready',
  failed: 'Failed',
};
/** "NIST Cybersecurity Framework 2.0" rather than "… 2.0 2.0" when the name carries the version. */
const versionLabel = (f: { name: string; version: string }) =>
  f.name.endsWith(f.version) ? f.name : `${f.name} ${f.version}`;
const finished = (status: string) => status === 'succeeded' || status === 'failed' || status === 'cancelled';

/** Opens the report's file (a short-lived link straight from the file store). */
async function openReport(id: string) {
  const link = await unwrap(api.GET('/api/v1/compliance/reports/{id}/download', { params: { path: { id } } }));
  window.location.assign(link.download.url);
}

/**
 * Reports (docs/adr/0024): a Statement of Applicability or an audit report of a framework version,
 * generated in the background with its progress shown; the list with download and a re-check of each
 * file's SHA-256. Running the evidence collectors first brings the controls' health up to date.
 */
export default function ReportsPage() {
  const client = useQueryClient();
  const toast = useToast();
  const { can } = useAuth();
  const frameworks = useFrameworks();
  const [activeId, setActiveId] = useState<string | null>(null);
  const [verified, setVerified] = useState<Record<string, Verification>>({});
  const reload = () => client.invalidateQueries({ queryKey: listQueryKey(LIST_ID) });
  const frameworkName = (id: string) => {
    const f = frameworks.data?.find((x) => x.id === id);
    return f ? versionLabel(f) : '…';
  };
  const verify = async (r: Report) => {
    try {
      const result = await unwrap(
        api.POST('/api/v1/compliance/reports/{id}/verify', { params: { path: { id: r.id } } }),
      );
      setVerified((v) => ({ ...v, [r.id]: result }));
    } catch (e) {
      toast.error(e);
    }
  };
  const download = async (r: Report) => {
    try {
      await openReport(r.id);
    } catch (e) {
      toast.error(e);
    }
  };

  const columns: Column<Report>[] = [
    {
      id: 'createdAt',
      header: 'Requested',
      sortKey: 'createdAt',
      alwaysVisible: true,
      cell: (r) => formatDateTime(r.createdAt),
    },
    { id: 'kind', header: 'Report', cell: (r) => KIND_LABELS[r.kind] },
    { id: 'framework', header: 'Framework', cell: (r) => frameworkName(r.frameworkId) },
    { id: 'format', header: 'Format', cell: (r) => FORMAT_LABELS[r.format] },
    {
      id: 'status',
      header: 'Status',
      cell: (r) => (r.status === 'failed' ? `Failed: ${r.error ?? 'unknown error'}` : STATUS_LABELS[r.status]),
    },
    { id: 'asOf', header: 'As of', cell: (r) => (r.asOf ? formatDateTime(r.asOf) : '—') },
    {
      id: 'sha256',
      header: 'SHA-256',
      cell: (r) => (r.sha256 ? <code title={r.sha256}>{r.sha256.slice(0, 16)}…</code> : '—'),
    },
    {
      id: 'integrity',
      header: 'Integrity',
      cell: (r) => {
        const v = verified[r.id];
        if (!v) return '—';
        return v.valid ? 'Verified: the stored file matches its SHA-256' : 'Altered: the stored file does not match';
      },
    },
    {
      id: 'actions',
      header: 'Actions',
      alwaysVisible: true,
      cell: (r) =>
        r.status === 'succeeded' ? (
          <span className="toolbar">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void download(r)}
              aria-label={`Download ${r.fileName}`}
            >
              Download
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => void verify(r)}
              aria-label={`Verify ${r.fileName}`}
            >
              Verify
            </button>
          </span>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Compliance reports"
        description="A Statement of Applicability or an audit report of a framework version, as PDF or XLSX. Each file is kept with its template version, parameters, as-of time and SHA-256, so it can be verified later."
        actions={can('compliance:write') ? <CollectNow onDone={reload} /> : undefined}
      />
      <GenerateReport
        onQueued={(r) => {
          setActiveId(r.id);
          void reload();
        }}
      />
      {activeId && <ActiveReport id={activeId} onFinished={reload} onOpen={download} />}
      <DataTable
        id={LIST_ID}
        caption="Generated reports"
        columns={columns}
        fetchPage={listFetcher('/api/v1/compliance/reports')}
        rowKey={(r) => r.id}
        defaultSort="-createdAt"
        filters={[
          {
            name: 'kind',
            label: 'Show reports of type',
            type: 'select',
            options: (Object.keys(KIND_LABELS) as Kind[]).map((value) => ({ value, label: KIND_LABELS[value] })),
          },
        ]}
        emptyMessage="No reports yet."
      />
    </>
  );
}

/** The form: which report, of which framework version and assessment, in which format. */
function GenerateReport({ onQueued }: { onQueued: (r: Report) => void }) {
  const frameworks = useFrameworks();
  const toast = useToast();
  const form = useForm({
    initialValues: { kind: 'soa', frameworkId: '', assessmentId: '', format: 'pdf' },
    validate: (v): Record<string, string> => (v.frameworkId ? {} : { frameworkId: 'Choose a framework version.' }),
    onSubmit: async (v) => {
      const created = await unwrap(
        api.POST('/api/v1/compliance/reports', {
          body: {
            kind: v.kind as Kind,
            format: v.format as Format,
            frameworkId: v.frameworkId,
            ...(v.assessmentId ? { assessmentId: v.assessmentId } : {}),
          },
        }),
      );
      toast.success(`${KIND_LABELS[created.kind]} requested: it is being generated`);
      onQueued(created);
    },
  });
  const frameworkId = form.values.frameworkId;
  const assessments = useQuery({
    queryKey: [...complianceKeys.all, 'report-assessments', frameworkId],
    enabled: frameworkId !== '',
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/compliance/assessments', { params: { query: { frameworkId, limit: 200 } }, signal })),
  });
  return (
    <section className="card compliance-section" aria-labelledby="compliance-generate-heading">
      <h2 id="compliance-generate-heading">Generate a report</h2>
      <Form form={form} confirmLeave={false}>
        <SelectField
          form={form}
          name="kind"
          label="Report type"
          options={(Object.keys(KIND_LABELS) as Kind[]).map((value) => ({ value, label: KIND_LABELS[value] }))}
        />
        <SelectField
          form={form}
          name="frameworkId"
          label="Framework version"
          required
          placeholder="Choose…"
          options={(frameworks.data ?? []).map((f) => ({ value: f.id, label: versionLabel(f) }))}
        />
        <SelectField
          form={form}
          name="assessmentId"
          label="Assessment (applicability and results)"
          hint="By default, the latest assessment of the framework version"
          options={[
            { value: '', label: 'The latest assessment' },
            ...(assessments.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.status})` })),
          ]}
        />
        <SelectField
          form={form}
          name="format"
          label="File format"
          options={(Object.keys(FORMAT_LABELS) as Format[]).map((value) => ({ value, label: FORMAT_LABELS[value] }))}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.submitting}>
            Generate report
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The report just requested: its progress while the job runs, then Download (or why it failed). */
function ActiveReport({
  id,
  onFinished,
  onOpen,
}: {
  id: string;
  onFinished: () => Promise<void>;
  onOpen: (r: Report) => Promise<void>;
}) {
  const report = useQuery({
    queryKey: [...complianceKeys.all, 'report', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/compliance/reports/{id}', { params: { path: { id } }, signal })),
    refetchInterval: (q) => (q.state.data && finished(q.state.data.status) ? false : 1000),
  });
  const r = report.data;
  const done = r !== undefined && finished(r.status);
  useEffect(() => {
    if (done) void onFinished();
  }, [done, onFinished]);
  if (!r) return null;
  return (
    <section className="card compliance-section" aria-label="Report in progress" aria-live="polite">
      {r.status === 'succeeded' ? (
        <p>
          {KIND_LABELS[r.kind]} ready: <code>{r.fileName}</code> ({r.size} bytes, SHA-256{' '}
          <code title={r.sha256 ?? ''}>{r.sha256?.slice(0, 16)}…</code>){' '}
          <button type="button" className="btn btn-primary btn-small" onClick={() => void onOpen(r)}>
            Open the report
          </button>
        </p>
      ) : r.status === 'failed' ? (
        <p role="alert">The report failed: {r.error ?? 'unknown error'}</p>
      ) : (
        <Progress
          label={`Generating the ${KIND_LABELS[r.kind]}${r.progressMessage ? `: ${r.progressMessage}` : ''}`}
          value={r.progress / 100}
        />
      )}
    </section>
  );
}

/** Runs every evidence collector now (a job), showing its progress; the controls' health follows. */
function CollectNow({ onDone }: { onDone: () => Promise<void> }) {
  const toast = useToast();
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useQuery({
    queryKey: ['jobs', jobId],
    enabled: jobId !== null,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: jobId! } }, signal })),
    refetchInterval: (q) => (q.state.data && finished(q.state.data.status) ? false : 1000),
  });
  const status = job.data?.status;
  useEffect(() => {
    if (!jobId || !status || !finished(status)) return;
    if (status === 'succeeded') toast.success('Evidence collected: the controls’ health is up to date');
    else toast.error(new Error(`The evidence collection ${status}.`));
    setJobId(null);
    void client.invalidateQueries({ queryKey: complianceKeys.all });
    void onDone();
  }, [jobId, status, toast, client, onDone]);
  const start = async () => {
    try {
      const queued = await unwrap(api.POST('/api/v1/compliance/collectors/run', { body: {} }));
      setJobId(queued.jobId);
    } catch (e) {
      toast.error(e);
    }
  };
  return jobId ? (
    <Progress label="Running the evidence collectors" value={(job.data?.progress ?? 0) / 100} />
  ) : (
    <button type="button" className="btn" onClick={() => void start()}>
      Run evidence collectors
    </button>
  );
}
