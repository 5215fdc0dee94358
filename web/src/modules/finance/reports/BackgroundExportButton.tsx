import { useState } from 'react';
import { api, errorMessage, unwrap } from '../../../api';
import { announceJobStarted } from '../../../shell/JobsTray';

/**
 * Starts the general ledger CSV export as a background job (no line cap): the jobs tray in the top
 * bar opens and shows its progress, then its download link.
 */
export function BackgroundExportButton({ query }: { query: { accountId: string; from: string; to: string } }) {
  const [state, setState] = useState<'idle' | 'busy' | { error: string }>('idle');
  const start = async () => {
    setState('busy');
    try {
      const started = await unwrap(api.POST('/api/v1/finance/exports/general-ledger', { body: query }));
      announceJobStarted(started.jobId);
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
        onClick={() => void start()}
        disabled={state === 'busy'}
        aria-busy={state === 'busy'}
      >
        Export (background)
      </button>
      {typeof state === 'object' && (
        <p className="field-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}
