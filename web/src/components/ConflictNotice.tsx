import { ProblemError } from '../api/problem';

/**
 * Explains a 409 version conflict (someone else saved the record since you loaded it) and offers to
 * reload the latest version. Renders nothing for other errors.
 * `<ConflictNotice error={mutation.error} onReload={() => query.refetch()} />`
 */
export function ConflictNotice({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!(error instanceof ProblemError) || error.status !== 409) return null;
  const versioned = error.isVersionConflict;
  return (
    <div className="banner banner-warning" role="alert">
      <strong>{versioned ? 'Someone else changed this record' : error.title}</strong>
      <p>
        {versioned
          ? 'It was saved by someone else after you opened it, so your change was not applied. Reload the latest version and apply your change again.'
          : error.detail}
      </p>
      {versioned && (
        <button type="button" className="btn" onClick={onReload}>
          Reload the latest version
        </button>
      )}
    </div>
  );
}
