import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../../api';
import { FormErrorBanner, useAuth, useToast } from '../../../components';

/**
 * A party's fiscal position (domestic when none): it maps the tax codes of the party's documents,
 * e.g. domestic input VAT to reverse charge for an intra-EU vendor. Saved with the party's version.
 */
export function PartyFiscalPosition({
  partyId,
  version,
  onSaved,
}: {
  partyId: string;
  version: number;
  onSaved: () => void;
}) {
  const { can } = useAuth();
  const toast = useToast();
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const positions = useQuery({
    queryKey: ['finance', 'fiscal-positions'],
    queryFn: () => unwrap(api.GET('/api/v1/finance/fiscal-positions')),
  });
  const current = useQuery({
    queryKey: ['finance', 'party-fiscal-position', partyId, version],
    queryFn: () =>
      unwrap(api.GET('/api/v1/finance/parties/{id}/fiscal-position', { params: { path: { id: partyId } } })),
  });
  if (!positions.data || !current.data) return null;
  const save = async (fiscalPositionId: string) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PUT('/api/v1/finance/parties/{id}/fiscal-position', {
          params: { path: { id: partyId } },
          body: { fiscalPositionId: fiscalPositionId || null, version: current.data.version },
        }),
      );
      toast.success('Fiscal position saved.');
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>Fiscal position</label>
      <select
        id={id}
        value={current.data.fiscalPositionId ?? ''}
        onChange={(e) => void save(e.target.value)}
        disabled={busy || !can('finance:write')}
      >
        <option value="">Domestic (no mapping)</option>
        {positions.data.items.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.kind})
          </option>
        ))}
      </select>
      <FormErrorBanner error={error} />
    </div>
  );
}
