import { useNavigate } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useAuth } from '../auth/auth';
import { useDebounced } from '../components/useDebounced';
import { useShortcuts } from '../components/shortcuts';
import { canUseModule, hasPermission } from '../auth/permissions';
import { modules } from '../modules/registry';
import type { SearchProvider, SearchResult } from '../modules/types';

interface Group {
  provider: SearchProvider;
  results: SearchResult[];
}

/**
 * The search box in the top bar: asks every search provider the user may use (modules register them)
 * and lists the results grouped by provider. A combobox: ↑/↓ move, Enter opens, Escape closes; "/" focuses it.
 */
export function GlobalSearch() {
  const { permissions } = useAuth().user;
  const navigate = useNavigate();
  const providers = useMemo(
    () =>
      modules
        .filter((m) => canUseModule(permissions, m.permissionPrefix))
        .flatMap((m) => m.searchProviders ?? [])
        .filter((p) => hasPermission(permissions, p.permission)),
    [permissions],
  );
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<Group[]>([]);
  const [loading, setLoading] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  // The providers are asked once typing pauses; until then the box counts as searching.
  const term = useDebounced(q.trim(), 250);
  const searching = loading || term !== q.trim();

  useEffect(() => {
    if (term.length < 2) {
      setGroups([]);
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    setLoading(true);
    void Promise.all(
      providers.map(async (provider) => {
        try {
          return { provider, results: await provider.search(term, controller.signal) };
        } catch (error) {
          console.warn(`search provider ${provider.id} failed`, error);
          return { provider, results: [] };
        }
      }),
    ).then((found) => {
      if (controller.signal.aborted) return;
      setGroups(found.filter((g) => g.results.length > 0));
      setActive(0);
      setLoading(false);
    });
    return () => controller.abort();
  }, [term, providers]);

  useShortcuts(
    providers.length > 0
      ? [{ keys: '/', description: 'Search', group: 'General', run: () => input.current?.focus() }]
      : [],
  );

  if (providers.length === 0) return <div className="search" />;
  const showPanel = open && q.trim().length >= 2;
  // Below two characters nothing is shown (nor chosen by Enter), even before the last results are cleared.
  const shown = q.trim().length >= 2 ? groups : [];
  const flat = shown.flatMap((g) => g.results);
  const go = (result: SearchResult | undefined) => {
    if (!result) return;
    setOpen(false);
    setQ('');
    void navigate({ to: result.to });
  };
  let index = -1;
  return (
    <div className="search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        Search
      </label>
      <input
        ref={input}
        id={`${id}-input`}
        type="search"
        role="combobox"
        placeholder="Search…  ( / )"
        aria-keyshortcuts="/"
        autoComplete="off"
        aria-expanded={showPanel}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={showPanel && flat.length > 0 ? `${id}-opt-${active}` : undefined}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(flat.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(flat[active]);
          } else if (e.key === 'Escape') {
            if (open) setOpen(false);
            else setQ('');
          }
        }}
      />
      {showPanel && (
        <div className="search-panel" id={`${id}-list`} role="listbox" aria-label="Search results">
          {searching && flat.length === 0 && <div className="search-note">Searching…</div>}
          {!searching && flat.length === 0 && <div className="search-note">No results for “{q.trim()}”</div>}
          {shown.map((g) => (
            <div key={g.provider.id} role="group" aria-label={g.provider.label}>
              <div className="search-group" aria-hidden="true">
                {g.provider.label}
              </div>
              {g.results.map((r) => {
                index++;
                const i = index;
                return (
                  <div
                    key={r.id}
                    id={`${id}-opt-${i}`}
                    role="option"
                    aria-selected={i === active}
                    className={i === active ? 'search-option active' : 'search-option'}
                    onMouseDown={(e) => e.preventDefault()}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => go(r)}
                  >
                    <span>{r.title}</span>
                    {r.subtitle && <span className="muted">{r.subtitle}</span>}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
