import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ConflictNotice, FormErrorBanner, listQueryKey, useConfirm, useToast } from '../../../components';

/** "Delete" with a confirmation; on success invalidates the list and goes to `afterPath`. */
export function DeleteButton({
  what,
  message,
  listId,
  afterPath,
  remove,
  onReload,
}: {
  what: string;
  message: string;
  listId: string;
  afterPath: string;
  remove: () => Promise<unknown>;
  onReload: () => void;
}) {
  const confirm = useConfirm();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!(await confirm({ title: `Delete ${what}?`, message, confirmLabel: 'Delete' }))) return;
    setBusy(true);
    setError(null);
    try {
      await remove();
      await queryClient.invalidateQueries({ queryKey: listQueryKey(listId) });
      toast.success(`${what} deleted.`);
      await navigate({ to: afterPath });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => void run()} disabled={busy} aria-busy={busy}>
        Delete
      </button>
      {error !== null && (
        <div className="crm-action-error">
          <ConflictNotice error={error} onReload={onReload} />
          {!isConflict(error) && <FormErrorBanner error={error} />}
        </div>
      )}
    </>
  );
}

function isConflict(e: unknown) {
  return typeof e === 'object' && e !== null && (e as { status?: number }).status === 409;
}
