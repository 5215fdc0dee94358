import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Pager } from './Pager';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { downloadFile, withQuery, type ListQuery, type Page } from '../api/client';
import { errorMessage } from '../api/problem';
import { announceJobStarted } from '../shell/JobsTray';
import { EmptyState, ErrorState, Skeleton, Spinner } from './feedback';
import { useDebounced } from './useDebounced';
import { useShortcuts } from './shortcuts';
import { ColumnChooser, FilterControl } from './DataTableControls';
import type { Option } from './choiceFields';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The list endpoint's sort key (see its `sort` parameter); makes the header sortable. */
  sortKey?: string;
  align?: 'left' | 'right';
  /** Hidden until the user ticks it under "Columns". */
  hiddenByDefault?: boolean;
  /** Never hideable (e.g. the name column). */
  alwaysVisible?: boolean;
}

/** One control of the filter bar; its value is sent as query parameter `name` (empty = not sent). */
export interface FilterDef {
  name: string;
  label: string;
  type: 'search' | 'text' | 'select' | 'date';
  /** For `select`: the choices (an "All" choice is added). */
  options?: Option[];
  placeholder?: string;
}

export interface DataTableProps<T> {
  /** Unique per list: the query-cache key (`listQueryKey(id)`) and where column choices are saved. */
  id: string;
  /** Accessible name of the table, e.g. "Users". */
  caption: string;
  columns: Column<T>[];
  /** Loads a page: usually `listFetcher('/api/v1/…')`. Receives limit, cursor, sort and the filter values. */
  fetchPage: (query: ListQuery) => Promise<Page<T>>;
  rowKey: (row: T) => string;
  filters?: FilterDef[];
  initialFilters?: Record<string, string>;
  /**
   * Query parameters sent with every page and the export but not shown in the filter bar nor counted as
   * the user's filters (e.g. `{ managerId }` for one person's reports).
   */
  fixedFilters?: Record<string, string>;
  /** e.g. `name` or `-createdAt`; omit to use the API's default order. */
  defaultSort?: string;
  pageSize?: number;
  /**
   * The resource's CSV export (e.g. `/api/v1/crm/contacts/export.csv`): adds an Export button sending the current
   * filters and sort (the export must take the list's `sort` values).
   */
  exportPath?: string;
  /** Extra query parameters of the export only (e.g. `{ format: 'csv' }`), added to the current filters. */
  exportParams?: Record<string, string>;
  /**
   * Export in the background instead (no size limit): called with the current filters and sort, it
   * starts the export job; the jobs tray then shows its progress and download link.
   */
  backgroundExport?: (query: Record<string, string>) => Promise<{ jobId: string }>;
  emptyMessage?: ReactNode;
  /** Extra buttons at the right of the filter bar (e.g. "New user"). */
  actions?: ReactNode;
  /** Adds a checkbox column (with select-all-on-this-page) for bulk actions: `useRowSelection`. */
  selection?: RowSelection<T>;
  /** Told the user's filters and sort whenever they change (e.g. to save them as a view). */
  onQueryChange?: (query: Record<string, string>) => void;
}

/** Which rows are ticked (ids from `rowKey`), and how each row is named for its checkbox's label. */
export interface RowSelection<T> {
  selected: ReadonlySet<string>;
  onChange: (selected: Set<string>) => void;
  rowLabel: (row: T) => string;
}

/** The React Query key prefix of a DataTable: invalidate it after a mutation to reload the list. */
export const listQueryKey = (id: string) => ['list', id] as const;

const DEBOUNCE_MS = 300;

function loadHidden(id: string, columns: Column<unknown>[]): string[] {
  try {
    const saved = localStorage.getItem(`moms.columns.${id}`);
    if (saved) return JSON.parse(saved) as string[];
  } catch {
    // ignore
  }
  return columns.filter((c) => c.hiddenByDefault).map((c) => c.id);
}

/**
 * A server-paginated list: cursor paging (next/previous), sortable headers, a filter bar, column
 * choice (saved per browser), CSV export, loading skeleton, empty and error states. Keyboard: `j`/`k`
 * highlight the next/previous row, Enter opens it (its first link).
 */
export function DataTable<T>(props: DataTableProps<T>) {
  const { id, caption, columns, fetchPage, rowKey, filters = [], pageSize = 25, exportPath } = props;
  const fixed = props.fixedFilters ?? {};
  const [draft, setDraft] = useState<Record<string, string>>(props.initialFilters ?? {});
  const [applied, setApplied] = useState<Record<string, string>>(props.initialFilters ?? {});
  const [sort, setSort] = useState<string | undefined>(props.defaultSort);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [hidden, setHidden] = useState<string[]>(() => loadHidden(id, columns as Column<unknown>[]));
  const [exporting, setExporting] = useState<string | null>(null);
  const uid = useId();

  // Text filters apply after a pause in typing; selects and dates at once (setFilter).
  const settled = useDebounced(draft, DEBOUNCE_MS);
  useEffect(() => {
    setApplied((a) => (JSON.stringify(a) === JSON.stringify(settled) ? a : settled));
    setCursors([undefined]);
  }, [settled]);

  // What the filter bar shows (not what the last page was loaded with, which lags typing by DEBOUNCE_MS):
  // a view saved, or a URL copied, right after typing must hold what was typed.
  const { onQueryChange } = props;
  useEffect(() => {
    onQueryChange?.({ ...clean(draft), ...(sort ? { sort } : {}) });
  }, [draft, sort, onQueryChange]);

  const cursor = cursors.at(-1);
  const query: ListQuery = {
    ...clean(applied),
    ...clean(fixed),
    limit: pageSize,
    ...(sort ? { sort } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const result = useQuery({
    queryKey: [...listQueryKey(id), query],
    queryFn: () => fetchPage(query),
    placeholderData: keepPreviousData,
  });

  const visible = columns.filter((c) => c.alwaysVisible || !hidden.includes(c.id));
  const toggleColumn = (colId: string, show: boolean) => {
    const next = show ? hidden.filter((h) => h !== colId) : [...hidden, colId];
    setHidden(next);
    localStorage.setItem(`moms.columns.${id}`, JSON.stringify(next));
  };
  const setFilter = (name: string, value: string, immediate: boolean) => {
    const next = { ...draft, [name]: value };
    setDraft(next);
    if (immediate) {
      setApplied(next);
      setCursors([undefined]);
    }
  };
  const toggleSort = (key: string) => {
    setSort(sort === key ? `-${key}` : key);
    setCursors([undefined]);
  };
  const exportCsv = async () => {
    if (!exportPath) return;
    setExporting(null);
    setExporting('');
    try {
      if (props.backgroundExport) {
        const query: Record<string, string> = { ...clean(applied), ...clean(fixed), ...(sort ? { sort } : {}) };
        announceJobStarted((await props.backgroundExport(query)).jobId);
        setExporting(null);
        return;
      }
      await downloadFile(
        withQuery(exportPath, { ...clean(applied), ...clean(fixed), ...(sort ? { sort } : {}), ...props.exportParams }),
        `${id}.csv`,
      );
      setExporting(null);
    } catch (error) {
      setExporting(errorMessage(error));
    }
  };

  const rows = result.data?.items ?? [];

  // j/k move a highlighted row (focused, so Enter on it opens its first link); a new page starts afresh.
  const [activeRow, setActiveRow] = useState<number | null>(null);
  const rowEls = useRef<(HTMLTableRowElement | null)[]>([]);
  const data = result.data;
  useEffect(() => setActiveRow(null), [data]);
  const moveRow = (by: 1 | -1) => {
    if (rows.length === 0) return;
    const next = activeRow === null ? (by === 1 ? 0 : rows.length - 1) : activeRow + by;
    const index = Math.min(Math.max(next, 0), rows.length - 1);
    setActiveRow(index);
    rowEls.current[index]?.focus();
  };
  useShortcuts([
    { keys: 'j', description: `Next row of ${caption}`, group: 'Lists', run: () => moveRow(1) },
    { keys: 'k', description: `Previous row of ${caption}`, group: 'Lists', run: () => moveRow(-1) },
    {
      keys: 'Enter',
      description: 'Open the highlighted row',
      group: 'Lists',
      when: () => activeRow !== null && document.activeElement === rowEls.current[activeRow],
      run: () => openRow(rowEls.current[activeRow ?? -1]),
    },
  ]);
  const sel = props.selection;
  const pageIds = rows.map(rowKey);
  const ticked = sel ? pageIds.filter((k) => sel.selected.has(k)).length : 0;
  const tickAll = (on: boolean) => {
    if (!sel) return;
    const next = new Set(sel.selected);
    for (const k of pageIds)
      if (on) next.add(k);
      else next.delete(k);
    sel.onChange(next);
  };
  const tick = (k: string, on: boolean) => {
    if (!sel) return;
    const next = new Set(sel.selected);
    if (on) next.add(k);
    else next.delete(k);
    sel.onChange(next);
  };
  return (
    <section className="data-table" aria-label={caption}>
      <div className="toolbar" role="search" aria-label={`Filter ${caption}`}>
        {filters.map((f) => (
          <FilterControl
            key={f.name}
            id={`${uid}-${f.name}`}
            filter={f}
            value={draft[f.name] ?? ''}
            onChange={(v) => setFilter(f.name, v, f.type === 'select' || f.type === 'date')}
          />
        ))}
        <div className="toolbar-spacer" />
        <ColumnChooser
          columns={columns}
          visible={(c) => c.alwaysVisible || !hidden.includes(c.id)}
          onToggle={toggleColumn}
        />
        {exportPath && (
          <button
            type="button"
            className="btn"
            onClick={() => void exportCsv()}
            disabled={exporting === ''}
            aria-busy={exporting === ''}
          >
            {exporting === '' ? (
              <>
                <Spinner label="Exporting" /> Exporting…
              </>
            ) : (
              'Export CSV'
            )}
          </button>
        )}
        {props.actions}
      </div>
      {exporting && (
        <div className="banner banner-error" role="alert">
          Export failed: {exporting}
        </div>
      )}
      {result.isError ? (
        <ErrorState error={result.error} onRetry={() => void result.refetch()} />
      ) : (
        <div className="table-scroll">
          <table aria-busy={result.isFetching} aria-label={caption}>
            <thead>
              <tr>
                {sel && (
                  <th scope="col" className="select-col">
                    <input
                      type="checkbox"
                      aria-label="Select all on this page"
                      checked={pageIds.length > 0 && ticked === pageIds.length}
                      ref={(el) => {
                        if (el) el.indeterminate = ticked > 0 && ticked < pageIds.length;
                      }}
                      disabled={pageIds.length === 0}
                      onChange={(e) => tickAll(e.target.checked)}
                    />
                  </th>
                )}
                {visible.map((c) => {
                  const dir = sort === c.sortKey ? 'ascending' : sort === `-${c.sortKey}` ? 'descending' : undefined;
                  return (
                    <th
                      key={c.id}
                      scope="col"
                      aria-sort={c.sortKey ? (dir ?? 'none') : undefined}
                      className={c.align === 'right' ? 'num' : undefined}
                    >
                      {c.sortKey ? (
                        <button type="button" className="th-sort" onClick={() => toggleSort(c.sortKey!)}>
                          {c.header}
                          <span aria-hidden="true" className="sort-mark">
                            {dir === 'ascending' ? '▲' : dir === 'descending' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        c.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className={result.isPlaceholderData ? 'stale' : undefined}>
              {result.isPending
                ? Array.from({ length: 5 }, (_, i) => (
                    <tr key={i}>
                      {sel && <td />}
                      {visible.map((c) => (
                        <td key={c.id}>
                          <Skeleton width={`${50 + ((i * 17 + c.id.length * 7) % 40)}%`} />
                        </td>
                      ))}
                    </tr>
                  ))
                : rows.map((row, index) => (
                    <tr
                      key={rowKey(row)}
                      ref={(el) => {
                        rowEls.current[index] = el;
                      }}
                      tabIndex={activeRow === index ? 0 : -1}
                      className={activeRow === index ? 'row-active' : undefined}
                      onFocus={(e) => {
                        if (e.target === e.currentTarget) setActiveRow(index);
                      }}
                    >
                      {sel && (
                        <td className="select-col">
                          <input
                            type="checkbox"
                            aria-label={`Select ${sel.rowLabel(row)}`}
                            checked={sel.selected.has(rowKey(row))}
                            onChange={(e) => tick(rowKey(row), e.target.checked)}
                          />
                        </td>
                      )}
                      {visible.map((c) => (
                        <td key={c.id} className={c.align === 'right' ? 'num' : undefined}>
                          {c.cell(row)}
                        </td>
                      ))}
                    </tr>
                  ))}
            </tbody>
          </table>
          {!result.isPending && rows.length === 0 && (
            <EmptyState
              title={Object.values(applied).some(Boolean) ? 'Nothing matches these filters' : 'Nothing here yet'}
            >
              {props.emptyMessage}
            </EmptyState>
          )}
        </div>
      )}
      <Pager
        label={`${caption} pages`}
        cursors={cursors}
        setCursors={setCursors}
        nextCursor={result.data?.nextCursor}
        busy={result.isFetching}
      />
    </section>
  );
}

/** Opens a row: follows its first link (the record's page), as a click on it would. */
function openRow(row: HTMLTableRowElement | null | undefined) {
  row?.querySelector<HTMLAnchorElement>('a[href]')?.click();
}

function clean(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}
