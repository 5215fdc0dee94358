import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { api, unwrap } from '../api';
import { Dialog, useConfirm } from './Dialog';
import { useToast } from './toast';

/** How a change of view reaches the browser history: a new entry (Back returns) or in place. */
export type HistoryMode = 'push' | 'replace';

const parseSearch = (searchStr: string): Record<string, string> => Object.fromEntries(new URLSearchParams(searchStr));
const toSearch = (query: Record<string, string>) => {
  const s = new URLSearchParams(query).toString();
  return s ? `?${s}` : '';
};

interface ViewState {
  /** Bumped to remount the DataTable with `query`. */
  key: number;
  /** The filters and sort the DataTable starts from. */
  query: Record<string, string>;
  /** The picked saved view ('' = none). */
  viewId: string;
  /** The URL named a view but no filters (a bookmark of the view itself): apply the view once loaded. */
  applyViewOnLoad: boolean;
}

function fromSearch(searchStr: string, key: number): ViewState {
  const { view = '', ...query } = parseSearch(searchStr);
  return { key, query, viewId: view, applyViewOnLoad: view !== '' && Object.keys(query).length === 0 };
}

/**
 * A list's current filters and sort, and a way to replace them with a saved view's: pass `tableKey`
 * as the DataTable's `key` (applying a view remounts it with the view's filters), `initialFilters`,
 * `sort` (or the list's default) and `onQueryChange`; give `savedViewProps` to `SavedViews`.
 *
 * With `{ url: true }` the list's filters, sort and picked view (`view=<id>`) live in the URL query:
 * a link or bookmark opens the list as it was, picking a view is a new history entry (Back returns to
 * the filters before), and a filter changed in place replaces the entry.
 */
export function useSavedViewState({ url = false }: { url?: boolean } = {}) {
  const router = useRouter();
  const searchStr = useRouterState({ select: (s) => s.location.searchStr });
  const [state, setState] = useState<ViewState>(() =>
    url ? fromSearch(searchStr, 0) : { key: 0, query: {}, viewId: '', applyViewOnLoad: false },
  );
  const [current, setCurrent] = useState<Record<string, string>>({});
  // The URL query as this list last wrote it (normalized): any other one came from Back, Forward or a link.
  const written = useRef(url ? toSearch(parseSearch(searchStr)) : '');
  const listPath = useRef(window.location.pathname);
  const viewId = useRef(state.viewId);
  viewId.current = state.viewId;

  const writeUrl = useCallback(
    (view: string, query: Record<string, string>, how: HistoryMode) => {
      if (!url) return;
      const search = toSearch({ ...(view ? { view } : {}), ...query });
      // Never onto another page (e.g. a save answered after the user moved on).
      if (search === written.current || window.location.pathname !== listPath.current) return;
      written.current = search;
      router.history[how](`${listPath.current}${search}`);
    },
    [url, router],
  );

  useEffect(() => {
    if (!url || window.location.pathname !== listPath.current) return;
    const now = toSearch(parseSearch(searchStr));
    if (now === written.current) return;
    written.current = now;
    setState((s) => fromSearch(searchStr, s.key + 1));
  }, [url, searchStr]);

  const onQueryChange = useCallback(
    (query: Record<string, string>) => {
      setCurrent(query);
      writeUrl(viewId.current, query, 'replace');
    },
    [writeUrl],
  );
  const apply = useCallback(
    (query: Record<string, string>, view = '', how: HistoryMode = 'push') => {
      setState((s) => ({ key: s.key + 1, query, viewId: view, applyViewOnLoad: false }));
      writeUrl(view, query, how);
    },
    [writeUrl],
  );
  /** Marks a view as picked without applying it (just saved from the current filters, or deleted). */
  const setPicked = useCallback(
    (view: string) => {
      setState((s) => ({ ...s, viewId: view, applyViewOnLoad: false }));
      writeUrl(view, current, 'replace');
    },
    [writeUrl, current],
  );

  const { sort, ...initialFilters } = state.query;
  return {
    tableKey: state.key,
    initialFilters,
    sort,
    current,
    onQueryChange,
    apply,
    savedViewProps: {
      current,
      picked: state.viewId,
      onPicked: setPicked,
      applyPickedOnLoad: state.applyViewOnLoad,
    },
  };
}

/**
 * Saved views of one list (`/api/v1/views`, each person their own): pick one to apply its filters
 * and sort, save the current ones under a name, delete the picked one. The picked view is the
 * component's own unless `picked`/`onPicked` hold it (as `useSavedViewState` does, in the URL).
 */
export function SavedViews({
  list,
  current,
  onApply,
  picked: pickedProp,
  onPicked,
  applyPickedOnLoad = false,
  match,
}: {
  /** The list's key, e.g. `crm.organizations`. */
  list: string;
  /** The list's current filters and sort. */
  current: Record<string, string>;
  /** Apply a view's filters and sort (`{}` and `''` for "None"). */
  onApply: (query: Record<string, string>, viewId: string, how: HistoryMode) => void;
  /** The picked view's id ('' for none), when the caller holds it. */
  picked?: string;
  onPicked?: (viewId: string) => void;
  /** Apply the picked view as soon as the views have loaded (a bookmark naming only the view). */
  applyPickedOnLoad?: boolean;
  /** Only the views this accepts (e.g. those of one project). */
  match?: (query: Record<string, string>) => boolean;
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
  const [ownPicked, setOwnPicked] = useState('');
  const picked = pickedProp ?? ownPicked;
  const setPicked = (id: string) => {
    setOwnPicked(id);
    onPicked?.(id);
  };
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const items = (views.data?.items ?? []).filter((v) => !match || match(v.query));

  // A bookmark naming only the view: apply it once the views are here (in place, not a new entry).
  const loaded = views.data;
  const applyOnLoad = useRef({ applyPickedOnLoad, picked, onApply, items });
  applyOnLoad.current = { applyPickedOnLoad, picked, onApply, items };
  useEffect(() => {
    const { applyPickedOnLoad: pending, picked: id, onApply: applyView, items: known } = applyOnLoad.current;
    if (!pending || !loaded) return;
    const view = known.find((v) => v.id === id);
    applyView(view?.query ?? {}, view ? view.id : '', 'replace');
  }, [loaded, applyPickedOnLoad]);

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
    setOwnPicked(id);
    onApply(items.find((v) => v.id === id)?.query ?? {}, id, 'push');
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
      {items.some((v) => v.id === picked) && (
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
