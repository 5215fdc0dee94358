import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { api, unwrap } from '../../../api';
import {
  ConflictNotice,
  Dialog,
  FormErrorBanner,
  listQueryKey,
  Spinner,
  useConfirm,
  useToast,
} from '../../../components';
import { crmKeys, type Contact } from '../shared/queries';

const fullName = (c: Contact) => `${c.firstName} ${c.lastName}`;

/**
 * Merge two contacts: find the duplicate, choose which one survives (the other's emails, phones,
 * tags, activities and opportunities move over and it is deleted), confirm.
 */
export function MergeDialog({ contact, onClose }: { contact: Contact; onClose: () => void }) {
  const uid = useId();
  const confirm = useConfirm();
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [q, setQ] = useState(contact.lastName);
  const [otherId, setOtherId] = useState('');
  const [survivorId, setSurvivorId] = useState(contact.id);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const matches = useQuery({
    queryKey: ['crm', 'merge-candidates', q],
    queryFn: () => unwrap(api.GET('/api/v1/crm/contacts', { params: { query: { q: q || undefined, limit: 20 } } })),
  });
  const candidates = (matches.data?.items ?? []).filter((c) => c.id !== contact.id);
  const other = candidates.find((c) => c.id === otherId);

  const merge = async () => {
    if (!other) return;
    const survivor = survivorId === contact.id ? contact : other;
    const source = survivorId === contact.id ? other : contact;
    const ok = await confirm({
      title: `Merge into ${fullName(survivor)}?`,
      message: `${fullName(source)} is deleted; their emails, phones, tags, activities and opportunities move to ${fullName(survivor)}. This cannot be undone.`,
      confirmLabel: 'Merge',
    });
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const merged = await unwrap(
        api.POST('/api/v1/crm/contacts/{id}/merge', {
          params: { path: { id: survivor.id } },
          body: { version: survivor.version, sourceId: source.id, sourceVersion: source.version },
        }),
      );
      queryClient.setQueryData(crmKeys.contact(merged.id), merged);
      queryClient.removeQueries({ queryKey: crmKeys.contact(source.id) });
      await queryClient.invalidateQueries({ queryKey: listQueryKey(crmKeys.contacts) });
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline('contacts', merged.id) });
      toast.success(`Merged into ${fullName(merged)}.`);
      onClose();
      await navigate({ to: `/crm/contacts/${merged.id}` });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      title={`Merge a duplicate of ${fullName(contact)}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => void merge()}
            disabled={!other || busy}
            aria-busy={busy}
          >
            {busy ? <Spinner label="Merging" /> : null} Merge…
          </button>
        </>
      }
    >
      <ConflictNotice error={error} onReload={() => void matches.refetch()} />
      {!(error && (error as { status?: number }).status === 409) && <FormErrorBanner error={error} />}
      <div className="field">
        <label htmlFor={`${uid}-q`}>Find the duplicate</label>
        <input id={`${uid}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${uid}-other`}>Duplicate contact</label>
        <select
          id={`${uid}-other`}
          value={otherId}
          onChange={(e) => setOtherId(e.target.value)}
          aria-busy={matches.isFetching}
        >
          <option value="">Choose…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {fullName(c)}
              {c.emails[0] ? ` <${c.emails[0]}>` : ''}
            </option>
          ))}
        </select>
      </div>
      {other && (
        <fieldset className="field">
          <legend>Which one stays?</legend>
          {[contact, other].map((c) => (
            <div className="field-check" key={c.id}>
              <input
                type="radio"
                id={`${uid}-s-${c.id}`}
                name={`${uid}-survivor`}
                checked={survivorId === c.id}
                onChange={() => setSurvivorId(c.id)}
              />
              <label htmlFor={`${uid}-s-${c.id}`}>
                {fullName(c)}{' '}
                <span className="muted">{[...c.emails, ...c.phones].join(', ') || 'no email or phone'}</span>
                {c.id === contact.id && <span className="muted"> (this contact)</span>}
              </label>
            </div>
          ))}
        </fieldset>
      )}
    </Dialog>
  );
}
