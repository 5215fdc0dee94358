import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type ReactNode } from 'react';
import { useDebounced } from './useDebounced';

/** One choice of a combobox: its value (an id), what it shows, and a muted detail line. */
export interface ComboboxOption {
  value: string;
  label: string;
  detail?: string;
}

export interface ComboboxSearchResult {
  options: ComboboxOption[];
  /** More matches than shown: "type more to narrow the list". */
  more?: boolean;
}

export interface ComboboxProps {
  label: string;
  /** The chosen value ('' for none). */
  value: string;
  /** Called with the chosen option, or null when the text is edited away from it. */
  onChange: (value: string, option: ComboboxOption | null) => void;
  /** What to show for the current value when it was not chosen here (e.g. loaded with the record). */
  valueLabel?: string | undefined;
  /** Searches the server; `q` is the trimmed, debounced text ('' for "the first few"). */
  search: (q: string, signal: AbortSignal) => Promise<ComboboxSearchResult>;
  /** The React Query key prefix of the searches (the text is appended). */
  queryKey: readonly unknown[];
  placeholder?: string;
  /** What "no match" says, e.g. `No customer matches`. */
  noMatch?: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  /** The input's id (a generated one by default). */
  id?: string;
}

const DEBOUNCE_MS = 250;

/**
 * A type-ahead over a server search, following the WAI-ARIA combobox pattern (a text input with
 * `role="combobox"` and a `listbox` popup): type to search, ↓/↑ to move, Enter to choose, Escape to
 * close (a second Escape clears the text), Tab leaves. Options are chosen by click too. Editing the
 * text after a choice clears the value, so the form never keeps an id the text no longer names.
 */
export function Combobox(props: ComboboxProps) {
  const { label, value, onChange, search, queryKey, hint, error, required, disabled } = props;
  const uid = useId();
  const id = props.id ?? `${uid}-combobox`;
  const [text, setText] = useState<string | null>(null); // null: show the chosen option's label
  const [chosen, setChosen] = useState<ComboboxOption | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const q = useDebounced((text ?? '').trim(), DEBOUNCE_MS);
  const results = useQuery({
    queryKey: [...queryKey, 'combobox', q],
    enabled: open,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    queryFn: ({ signal }) => search(q, signal),
  });
  const options = results.data?.options ?? [];
  const chosenLabel = value ? (chosen?.value === value ? chosen.label : (props.valueLabel ?? '')) : '';
  const shown = text ?? chosenLabel;

  const choose = (option: ComboboxOption | undefined) => {
    if (!option) return;
    setChosen(option);
    onChange(option.value, option);
    setText(null);
    setOpen(false);
  };
  const listId = `${id}-list`;
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {/* The popup opens under the input, over what follows. */}
      <div style={{ position: 'relative', display: 'grid' }}>
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          placeholder={props.placeholder}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && options.length > 0 ? `${id}-opt-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy || undefined}
          disabled={disabled}
          value={shown}
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
            setOpen(true);
            if (value) onChange('', null);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setText(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) setOpen(true);
              else setActive((a) => Math.min(options.length - 1, a + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(0, a - 1));
            } else if (e.key === 'Home' && open) {
              setActive(0);
            } else if (e.key === 'End' && open) {
              setActive(Math.max(0, options.length - 1));
            } else if (e.key === 'Enter' && open) {
              e.preventDefault();
              choose(options[active]);
            } else if (e.key === 'Escape') {
              if (open) setOpen(false);
              else if (text !== null || value) {
                setText('');
                if (value) onChange('', null);
              }
            }
          }}
        />
        {open && (
          <div
            className="search-panel"
            style={{ top: '100%' }}
            id={listId}
            role="listbox"
            aria-label={`${label} choices`}
          >
            {results.isPending && <div className="search-note">Searching…</div>}
            {results.isError && <div className="search-note">Search failed: try again.</div>}
            {results.isSuccess && options.length === 0 && (
              <div className="search-note">
                {q ? `${props.noMatch ?? 'Nothing matches'} “${q}”` : 'Nothing to choose'}
              </div>
            )}
            {options.map((o, i) => (
              <div
                key={o.value}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'search-option active' : 'search-option'}
                // Keep the focus in the input, so choosing does not blur (and close) first.
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(o)}
              >
                <span>{o.label}</span>
                {o.detail && <span className="muted">{o.detail}</span>}
              </div>
            ))}
            {results.data?.more && <div className="search-note">Type more to narrow the list.</div>}
          </div>
        )}
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
