import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage, unwrap, type Schema } from '../api';
import './jobs-tray.css';

type Job = Schema<'Job'>;

const JOBS_KEY = ['jobs', 'tray'] as const;
const STARTED = 'moms:job-started';
/** How often the tray asks for progress while a job of the user's runs. */
const POLL_MS = 1_000;
/** Finished jobs stay in the tray this long. */
const RECENT_MS = 24 * 3600_000;

/** What people call each job type (others show their type). */
const LABELS: Record<string, string> = {
  'finance.general-ledger.export': 'General ledger export',
  'finance.list-export': 'Finance export',
  'hr.employees-export': 'Employee export',
  'crm.list-export': 'CRM export',
  'crm.import': 'CRM import',
  'platform.jobs.housekeeping': 'Housekeeping',
  'platform.files.sweep-uploads': 'Upload sweep',
};

const active = (j: Job) => j.status === 'queued' || j.status === 'running';

/** Tells the tray a job was started here: it opens and polls at once. */
export function announceJobStarted(jobId: string): void {
  window.dispatchEvent(new CustomEvent(STARTED, { detail: jobId }));
}

/**
 * The signed-in user's background jobs in the top bar: a progress bar for each running one (with
 * Cancel), a download link when one made a file, the error when one failed. Polls GET /api/v1/jobs
 * every second while any job is queued or running, otherwise not at all.
 */
export function JobsTray() {
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const jobs = useQuery({
    queryKey: JOBS_KEY,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/jobs', { params: { query: { limit: 10 } }, signal })),
    refetchInterval: (query) => (query.state.data?.items.some(active) ? POLL_MS : false),
    staleTime: 0,
  });

  useEffect(() => {
    const onStarted = () => {
      setOpen(true);
      void client.invalidateQueries({ queryKey: JOBS_KEY });
    };
    window.addEventListener(STARTED, onStarted);
    return () => window.removeEventListener(STARTED, onStarted);
  }, [client]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const now = Date.now();
  const items = (jobs.data?.items ?? []).filter(
    (j) => active(j) || now - Date.parse(j.finishedAt ?? j.updatedAt) < RECENT_MS,
  );
  const running = items.filter(active).length;
  if (items.length === 0 && !open) return null;
  return (
    <div className="jobs-tray" ref={ref}>
      <button
        type="button"
        className="btn btn-ghost"
        aria-expanded={open}
        aria-controls="jobs-tray-panel"
        onClick={() => setOpen(!open)}
      >
        Jobs{running > 0 && <span className="jobs-badge">{running}</span>}
        <span className="visually-hidden">{running > 0 ? ` (${running} running)` : ''}: background jobs</span>
      </button>
      {open && (
        <section id="jobs-tray-panel" className="menu-panel menu-right jobs-panel" aria-label="Background jobs">
          {items.length === 0 ? (
            <p className="muted">No recent background jobs.</p>
          ) : (
            <ul>
              {items.map((job) => (
                <JobItem key={job.id} job={job} onChanged={() => void jobs.refetch()} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function JobItem({ job, onChanged }: { job: Job; onChanged: () => void }) {
  const [cancelError, setCancelError] = useState<string | null>(null);
  const label = LABELS[job.type] ?? job.type;
  const file = (job.result as { file?: { name?: string } } | null)?.file?.name;
  const cancel = async () => {
    setCancelError(null);
    try {
      await unwrap(api.POST('/api/v1/jobs/{id}/cancel', { params: { path: { id: job.id } } }));
    } catch (error) {
      setCancelError(errorMessage(error));
    }
    onChanged();
  };
  return (
    <li className="jobs-item" aria-label={label} data-status={job.status}>
      <div className="jobs-item-head">
        <strong>{label}</strong>
        <span className="muted">{job.cancelRequested && active(job) ? 'cancelling' : job.status}</span>
      </div>
      {active(job) && (
        <>
          <progress max={100} value={job.progress} aria-label={`${label} progress`} />
          <div className="jobs-item-head">
            <span className="muted">{job.progressMessage ?? (job.status === 'queued' ? 'Waiting to start' : '')}</span>
            {!job.cancelRequested && (
              <button type="button" className="btn btn-ghost" onClick={() => void cancel()}>
                Cancel
              </button>
            )}
          </div>
        </>
      )}
      {job.status === 'succeeded' && job.download && (
        <a href={job.download.url} download={file ?? true}>
          Download {file ?? 'file'}
        </a>
      )}
      {job.status === 'failed' && (
        <p className="field-error" role="alert">
          Failed: {job.error ?? 'unknown error'}
        </p>
      )}
      {cancelError && (
        <p className="field-error" role="alert">
          {cancelError}
        </p>
      )}
    </li>
  );
}
