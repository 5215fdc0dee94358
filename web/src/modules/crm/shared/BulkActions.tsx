import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { authFetch, errorMessage, ProblemError } from '../../../api';
import { listQueryKey, useConfirm, useToast, type Option } from '../../../components';
import { SelectionBar } from '../../../components/SelectionBar';

type CrmList = 'organizations' | 'contacts' | 'leads' | 'opportunities';
interface Failure {
  id: string;
  message: string;
}

async function post(path: string, body: unknown): Promise<Response> {
  const res = await authFetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await ProblemError.fromResponse(res);
  return res;
}

async function saveBlob(res: Response, name: string) {
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Bulk actions of a CRM list over its ticked rows (`POST /api/v1/crm/<list>/bulk`, all or nothing):
 * assign an owner, move to a stage (opportunities), export the selected rows as CSV, delete (asks first).
 */
export function BulkActions({
  list,
  listId,
  what,
  selected,
  onClear,
  ownerOptions,
  stageOptions,
  canWrite,
}: {
  list: CrmList;
  listId: string;
  /** The noun for messages, singular and plural, e.g. `['organization', 'organizations']`. */
  what: readonly [one: string, many: string];
  selected: ReadonlySet<string>;
  onClear: () => void;
  ownerOptions: Option[];
  stageOptions?: Option[];
  canWrite: boolean;
}) {
  const uid = useId();
  const confirm = useConfirm();
  const toast = useToast();
  const queryClient = useQueryClient();
  const [ownerId, setOwnerId] = useState('');
  const [stageId, setStageId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = [...selected];
  const count = (n: number) => `${n} ${n === 1 ? what[0] : what[1]}`;
  const base = `/api/v1/crm/${list}/bulk`;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const change = (body: Record<string, unknown>, done: string) =>
    run(async () => {
      await post(base, { ids, ...body });
      await queryClient.invalidateQueries({ queryKey: listQueryKey(listId) });
      toast.success(done);
      onClear();
    });
  const remove = async () => {
    const n = ids.length;
    if (
      !(await confirm({
        title: `Delete ${count(n)}?`,
        message: 'This cannot be undone.',
        confirmLabel: 'Delete',
        danger: true,
      }))
    )
      return;
    await change({ action: 'delete' }, `${count(n)} deleted.`);
  };
  const exportSelected = () =>
    run(async () => saveBlob(await post(`${base}/export.csv`, { ids }), `${list}-selected.csv`));

  const failures = error instanceof ProblemError ? ((error.problem as { failures?: Failure[] }).failures ?? []) : [];
  return (
    <>
      <SelectionBar count={selected.size} onClear={onClear}>
        {canWrite && (
          <>
            <label htmlFor={`${uid}-owner`} className="visually-hidden">
              New owner
            </label>
            <select id={`${uid}-owner`} value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">Owner…</option>
              {ownerOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn"
              disabled={busy || !ownerId}
              onClick={() =>
                void change({ action: 'assign-owner', ownerId }, `Owner assigned to ${count(ids.length)}.`)
              }
            >
              Assign owner
            </button>
            {stageOptions && (
              <>
                <label htmlFor={`${uid}-stage`} className="visually-hidden">
                  New stage
                </label>
                <select id={`${uid}-stage`} value={stageId} onChange={(e) => setStageId(e.target.value)}>
                  <option value="">Stage…</option>
                  {stageOptions.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="btn"
                  disabled={busy || !stageId}
                  onClick={() => void change({ action: 'move-stage', stageId }, `${count(ids.length)} moved.`)}
                >
                  Move to stage
                </button>
              </>
            )}
          </>
        )}
        <button type="button" className="btn" disabled={busy} onClick={() => void exportSelected()}>
          Export selected
        </button>
        {canWrite && (
          <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()}>
            Delete selected
          </button>
        )}
      </SelectionBar>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          {errorMessage(error)}
          {failures.length > 0 && (
            <ul>
              {failures.map((f) => (
                <li key={f.id}>{f.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
