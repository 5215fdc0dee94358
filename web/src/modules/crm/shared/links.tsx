import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useId, useRef, useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import { QueryState } from '../../../components';
import { crmKeys, useOrganization } from './queries';

/** A link to an organization showing its name (loaded and cached by id). */
export function OrganizationLink({ id }: { id: string | null | undefined }) {
  const org = useOrganization(id);
  if (!id) return <span className="muted">—</span>;
  return (
    <QueryState query={org} width="6em" error={notVisible}>
      {(o) => <Link to={`/crm/organizations/${id}`}>{o.name}</Link>}
    </QueryState>
  );
}

const notVisible = () => <span className="muted">Not visible to you</span>;

/**
 * A link to an organization whose name the API already answered (`organizationName`: null when
 * the record has none or you cannot see it). No request.
 */
export function OrganizationNameLink({ id, name }: { id: string | null; name: string | null }) {
  if (!id) return <span className="muted">—</span>;
  if (name === null) return <span className="muted">Not visible to you</span>;
  return <Link to={`/crm/organizations/${id}`}>{name}</Link>;
}

export function ContactLink({ id }: { id: string }) {
  const contact = useQuery({
    queryKey: crmKeys.contact(id),
    queryFn: () => unwrap(api.GET('/api/v1/crm/contacts/{id}', { params: { path: { id } } })),
    staleTime: 60_000,
    retry: false,
  });
  return (
    <QueryState query={contact} width="6em" error={notVisible}>
      {(c) => (
        <Link to={`/crm/contacts/${id}`}>
          {c.firstName} {c.lastName}
        </Link>
      )}
    </QueryState>
  );
}

/**
 * A 409 "possible duplicate" (email or domain taken), said in the user's words where they are looking:
 * put it next to the form's submit button; it scrolls into view and takes focus when it appears. It
 * links to the existing record and, where the API supports it, offers to create the record anyway.
 */
export function DuplicateNotice({
  error,
  kind,
  onCreateAnyway,
}: {
  error: unknown;
  kind: 'organizations' | 'contacts';
  onCreateAnyway?: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = isDuplicate(error);
  useEffect(() => {
    if (!shown) return;
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    ref.current?.focus({ preventScroll: true });
  }, [shown, error]);
  if (!isDuplicate(error)) return null;
  const existingId = error.problem.existingId as string | undefined;
  const email = error.problem.email as string | undefined;
  const domain = error.problem.domain as string | undefined;
  const noun = kind === 'contacts' ? 'contact' : 'organization';
  const what =
    kind === 'contacts' && email
      ? `A contact with the email ${email} already exists.`
      : kind === 'organizations' && domain
        ? `An organization with the domain ${domain} already exists.`
        : `A similar ${noun} already exists.`;
  return (
    <div ref={ref} className="banner banner-warning" role="alert" tabIndex={-1}>
      <strong>Possible duplicate {noun}</strong>
      <p>
        {what} Open it to use it{onCreateAnyway ? `, or create this ${noun} anyway` : ''}.
      </p>
      <div className="form-actions">
        {existingId && (
          <Link className="btn" to={`/crm/${kind}/${existingId}`}>
            Open the existing {noun}
          </Link>
        )}
        {onCreateAnyway && (
          <button type="button" className="btn btn-primary" onClick={onCreateAnyway}>
            Create anyway
          </button>
        )}
      </div>
    </div>
  );
}

export function isDuplicate(error: unknown): error is ProblemError {
  return error instanceof ProblemError && error.status === 409 && error.code.startsWith('duplicate-');
}

/**
 * Pick an organization: a search box over `/organizations?q=` and a select of the matches (keyboard
 * friendly, no custom combobox). `value` is the chosen id ('' for none).
 */
export function OrganizationPicker({
  value,
  onChange,
  label = 'Organization',
  error,
  disabled,
  allowNone = true,
}: {
  value: string;
  onChange: (id: string) => void;
  label?: string;
  error?: string | undefined;
  disabled?: boolean;
  allowNone?: boolean;
}) {
  const uid = useId();
  const [q, setQ] = useState('');
  const current = useOrganization(value || null);
  const matches = useQuery({
    queryKey: ['crm', 'org-picker', q],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/crm/organizations', {
          params: { query: { q: q || undefined, limit: 20, ...(q ? {} : { sort: 'name' }) } },
        }),
      ),
    staleTime: 30_000,
  });
  const options = [...(matches.data?.items ?? [])];
  if (current.data && !options.some((o) => o.id === current.data.id)) options.unshift(current.data);
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={`${uid}-q`}>Find {label.toLowerCase()}</label>
      <input
        id={`${uid}-q`}
        type="search"
        value={q}
        placeholder="Type to search by name or domain"
        onChange={(e) => setQ(e.target.value)}
        disabled={disabled}
      />
      <label htmlFor={`${uid}-select`}>{label}</label>
      <select
        id={`${uid}-select`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${uid}-error` : undefined}
        aria-busy={matches.isFetching}
      >
        {allowNone && <option value="">— None —</option>}
        {!allowNone && !value && <option value="">Choose…</option>}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
            {o.domain ? ` (${o.domain})` : ''}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${uid}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function Tags({ tags }: { tags: readonly string[] }) {
  if (tags.length === 0) return <span className="muted">—</span>;
  return (
    <span className="crm-tags">
      {tags.map((t) => (
        <span key={t} className="badge">
          {t}
        </span>
      ))}
    </span>
  );
}

/**
 * Pick contacts (an opportunity's people): the chosen ones as removable chips, then a search box over
 * `/contacts?q=` — the chosen organization's contacts first when nothing is typed — and a select to
 * add one. `value` is the list of chosen ids.
 */
export function ContactsPicker({
  value,
  onChange,
  organizationId,
  disabled,
}: {
  value: readonly string[];
  onChange: (ids: string[]) => void;
  organizationId?: string | undefined;
  disabled?: boolean;
}) {
  const uid = useId();
  const [q, setQ] = useState('');
  const matches = useQuery({
    queryKey: ['crm', 'contact-picker', q, q ? null : (organizationId ?? null)],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/crm/contacts', {
          params: {
            query: { q: q || undefined, limit: 20, ...(!q && organizationId ? { organizationId } : {}) },
          },
        }),
      ),
    staleTime: 30_000,
  });
  const options = (matches.data?.items ?? []).filter((c) => !value.includes(c.id));
  return (
    <fieldset className="field contacts-picker" disabled={disabled}>
      <legend>Contacts</legend>
      {value.length === 0 ? (
        <p className="muted">No contacts yet.</p>
      ) : (
        <ul className="chip-list" aria-label="Chosen contacts">
          {value.map((id) => (
            <li key={id} className="chip">
              <ContactLink id={id} />
              <button
                type="button"
                className="btn-icon"
                aria-label="Remove this contact"
                onClick={() => onChange(value.filter((v) => v !== id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${uid}-q`}>Find a contact</label>
      <input
        id={`${uid}-q`}
        type="search"
        value={q}
        placeholder="Type to search by name or email"
        onChange={(e) => setQ(e.target.value)}
      />
      <label htmlFor={`${uid}-add`}>Add contact</label>
      <select
        id={`${uid}-add`}
        value=""
        aria-busy={matches.isFetching}
        onChange={(e) => {
          if (e.target.value) onChange([...value, e.target.value]);
        }}
      >
        <option value="">{options.length === 0 ? 'No more matches' : 'Choose a contact to add…'}</option>
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {c.firstName} {c.lastName}
            {c.emails[0] ? ` (${c.emails[0]})` : ''}
          </option>
        ))}
      </select>
    </fieldset>
  );
}
