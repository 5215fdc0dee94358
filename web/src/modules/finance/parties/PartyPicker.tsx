import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api';
import { useDebounced, type FormState } from '../../../components';
import { financeKeys, useParty, type Party } from '../queries';

const DEBOUNCE_MS = 250;
const LIMIT = 10;

/**
 * A type-ahead over the active customers or vendors (the parties list with `q`), bound to the form's
 * `partyId`. A combobox: type to search, ↑/↓ to move, Enter to choose, Escape to close. The chosen
 * party is seeded into the query cache, so `useParty(partyId)` has it at once.
 */
export function PartyPicker<V extends { partyId: string }>({
  form,
  side,
  label,
  required,
  disabled,
}: {
  form: FormState<V>;
  side: 'customer' | 'vendor';
  label: string;
  required?: boolean;
  disabled?: boolean;
}) {
  const queryClient = useQueryClient();
  const partyId = form.values.partyId;
  const selected = useParty(partyId);
  const [text, setText] = useState<string | null>(null); // null: show the chosen party's name
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const id = `${form.idPrefix}-partyId`;
  const error = form.errors.partyId;
  const shown = text ?? selected.data?.name ?? '';

  const q = useDebounced((text ?? '').trim(), DEBOUNCE_MS);

  const results = useQuery({
    queryKey: [...financeKeys.parties(side), 'search', q],
    enabled: open,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/finance/parties', {
          params: { query: { kind: side, active: 'true', sort: 'name', limit: LIMIT, ...(q ? { q } : {}) } },
          signal,
        }),
      ),
  });
  const items = results.data?.items ?? [];

  const choose = (party: Party | undefined) => {
    if (!party) return;
    queryClient.setQueryData(financeKeys.party(party.id), party);
    form.setValue('partyId', party.id as V['partyId']);
    setText(null);
    setOpen(false);
  };
  const describedBy = [error ? `${id}-error` : '', `${id}-hint`].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid fin-picker' : 'field fin-picker'}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        placeholder={`Type to search ${side}s…`}
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && items.length > 0 ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy}
        disabled={disabled || form.submitting}
        value={shown}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (partyId) form.setValue('partyId', '' as V['partyId']);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() =>
          setTimeout(() => {
            setOpen(false);
            setText(null);
          }, 150)
        }
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(items.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter' && open) {
            e.preventDefault();
            choose(items[active]);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      {open && (
        <div className="search-panel" id={`${id}-list`} role="listbox" aria-label={`${label} choices`}>
          {results.isPending && <div className="search-note">Searching…</div>}
          {results.isError && <div className="search-note">Search failed: try again.</div>}
          {!results.isPending && items.length === 0 && (
            <div className="search-note">{q ? `No active ${side} matches “${q}”` : `No active ${side}s yet`}</div>
          )}
          {items.map((p, i) => (
            <div
              key={p.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'search-option active' : 'search-option'}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(p)}
            >
              <span>{p.name}</span>
              <span className="muted">
                {[p.email, p.currency, `${p.paymentTermsDays} days`].filter(Boolean).join(' · ')}
              </span>
            </div>
          ))}
          {results.data?.nextCursor && <div className="search-note">Type more to narrow the list.</div>}
        </div>
      )}
      <p id={`${id}-hint`} className="field-hint">
        {partyId && selected.data ? `Chosen: ${selected.data.name}` : `Search by name, email or tax id.`}
      </p>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
