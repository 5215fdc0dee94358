import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, unwrap, type Schema } from '../../api';
import { announceJobStarted } from '../../shell/JobsTray';
import type { Filter } from './api';

type Format = Schema<'StartAnalyticsExport'>['format'];
const FORMAT_LABELS: Record<Format, string> = { csv: 'CSV', xlsx: 'XLSX', pdf: 'PDF' };
const FORMATS = ['csv', 'xlsx', 'pdf'] as const satisfies readonly Format[];
const done = (status: string) => status === 'succeeded' || status === 'failed' || status === 'cancelled';

/**
 * Export a question or a dashboard as CSV, XLSX or PDF: starts the `analytics.export` job (the jobs tray
 * shows it too), follows it here every second, then offers its download link or says why it failed.
 */
export function ExportButtons({
  target,
  filters = [],
}: {
  target: { questionId: string } | { dashboardId: string };
  filters?: Filter[];
}) {
  const [started, setStarted] = useState<{ jobId: string; format: Format } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useQuery({
    queryKey: ['analytics', 'export-job', started?.jobId],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: started!.jobId } }, signal })),
    enabled: Boolean(started),
    refetchInterval: (q) => (q.state.data && done(q.state.data.status) ? false : 1_000),
    staleTime: 0,
  });
  const start = async (format: Format) => {
    setError(null);
    setBusy(true);
    try {
      const res = await unwrap(api.POST('/api/v1/analytics/exports', { body: { ...target, format, filters } }));
      setStarted({ jobId: res.jobId, format });
      announceJobStarted(res.jobId);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const current = job.data;
  const file = (current?.result as { file?: { name?: string } } | null | undefined)?.file?.name;
  return (
    <div className="an-export" role="group" aria-label="Export">
      {FORMATS.map((format) => (
        <button key={format} type="button" className="btn" disabled={busy} onClick={() => void start(format)}>
          Export {FORMAT_LABELS[format]}
        </button>
      ))}
      <span aria-live="polite" className="an-export-status">
        {started && !current && `Starting the ${FORMAT_LABELS[started.format]} export…`}
        {current && !done(current.status) && `Exporting (${current.progress}%)…`}
        {current?.status === 'succeeded' && current.download && (
          <a href={current.download.url} download={file ?? true}>
            Download {file ?? FORMAT_LABELS[started!.format]}
          </a>
        )}
      </span>
      {current && (current.status === 'failed' || current.status === 'cancelled') && (
        <p className="field-error" role="alert">
          Export {current.status}: {current.error ?? 'no file was made'}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
