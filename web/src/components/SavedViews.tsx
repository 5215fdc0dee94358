import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { api, unwrap } from '../api';
import { Dialog, useConfirm } from './Dialog';
import { useToast } from './toast';

/**
 * A list's current filters and sort, and a way to replace them with a saved view's: pass `tableKey`
 * as the DataTable's `key` (applying a view remounts it with the view's filters), `initialFilters`,
 * `sort` (or the list's default) and `onQueryChange`; give `current` and `apply` to `SavedViews`.
 */
export function useSavedViewState() {
  const [applied, setApplied] = useState<{ key: number; query: Record<string, string> }>({ key: 0, query: {} });
  const [current, setCurrent] = useState<Record<string, string>>({});
  const apply = useCallback((query: Record<string, string>) => setApplied((a) => ({ key: a.key + 1, query })), []);
  const { sort, ...initialFilters } = applied.query;
  return { tableKey: applied.key, initialFilters, sort, current, onQueryChange: setCurrent, apply };
}

/**
 * Saved views of one list (`/api/v1/views`, each person their own): pick one to apply its filters
 * and sort, save the current ones under a name, delete the picked one.
 */
export function SavedViews({
  list,
  current,
  onApply,
}: {
  /** The list's key, e.g. `crm.organizations`. */
  list: string;
  /** The list's current filters and sort. */
  current: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
}) {
  const uid = useId();
  const toast = useToast();
  const confirm = useConfirm();
  const queryClient = useQueryClient();
  const key = ['saved-views', list] as const;
  const views = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v1/views', { params: { query: { list } } })),
  });
  const [picked, setPicked] = useState('');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const items = views.data?.items ?? [];

  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/views', { body: { list, name: name.trim(), query: current } })),
    onSuccess: async (view) => {
      await queryClient.invalidateQueries({ queryKey: key });
      setPicked(view.id);
      setNaming(false);
      toast.success(`View "${view.name}" saved.`);
    },
    onError: (e) => setError(e instanceof Error ? e.message : String(e)),
  });
  const pick = (id: string) => {
    setPicked(id);
    onApply(items.find((v) => v.id === id)?.query ?? {});
  };
  const remove = async () => {
    const view = items.find((v) => v.id === picked);
    if (!view) return;
    if (
      !(await confirm({
        title: `Delete view "${view.name}"?`,
        message: 'The list itself stays as it is.',
        confirmLabel: 'Delete',
      }))
    )
      return;
    try {
      await unwrap(api.DELETE('/api/v1/views/{id}', { params: { path: { id: view.id } } }));
      setPicked('');
      await queryClient.invalidateQueries({ queryKey: key });
      toast.success(`View "${view.name}" deleted.`);
    } catch (e) {
      toast.error(e);
    }
  };

  return (
    <div className="toolbar saved-views" style={{ alignItems: 'center' }}>
      <label htmlFor={`${uid}-view`}>Saved view</label>
      <select id={`${uid}-view`} value={picked} onChange={(e) => pick(e.target.value)} disabled={views.isPending}>
        <option value="">None (all)</option>
        {items.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn"
        onClick={() => {
          setName('');
          setError(null);
          setNaming(true);
        }}
      >
        Save view…
      </button>
      {picked && (
        <button type="button" className="btn" onClick={() => void remove()}>
          Delete view
        </button>
      )}
      <Dialog
        open={naming}
        title="Save this view"
        onClose={() => setNaming(false)}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setNaming(false)}>
              Cancel
            </button>
            <button
              type="submit"
              form={`${uid}-form`}
              className="btn btn-primary"
              disabled={save.isPending || name.trim() === ''}
            >
              Save view
            </button>
          </>
        }
      >
        <form
          id={`${uid}-form`}
          onSubmit={(e) => {
            e.preventDefault();
            setError(null);
            save.mutate();
          }}
        >
          <label htmlFor={`${uid}-name`}>View name</label>
          <input id={`${uid}-name`} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus />
          <p className="muted">Saves the current filters and sort of this list.</p>
          {error && (
            <div className="banner banner-error" role="alert">
              {error}
            </div>
          )}
        </form>
      </Dialog>
    </div>
  );
}
