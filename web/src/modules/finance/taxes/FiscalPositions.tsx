import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type Schema } from '../../../api';
import { Dialog, EmptyState, FormErrorBanner, QueryState, useAuth, useToast } from '../../../components';
import { useTaxCodes, type TaxCode } from '../queries';

type FiscalPosition = Schema<'FiscalPosition'>;
type Kind = FiscalPosition['kind'];
type Mapping = FiscalPosition['mappings'][number];
const positionsKey = ['finance', 'fiscal-positions'] as const;
const KIND_LABELS: Record<Kind, string> = { domestic: 'Domestic', 'intra-eu': 'Intra-EU', export: 'Export' };

/**
 * Fiscal positions (domestic, intra-EU, export): each maps the tax codes a party's documents would
 * get to the codes they get instead (20 % → zero-rated export). Administrators add and edit them; a
 * party picks its position on its page.
 */
export function FiscalPositionsSection() {
  const { can } = useAuth();
  const positions = useQuery({
    queryKey: positionsKey,
    queryFn: () => unwrap(api.GET('/api/v1/finance/fiscal-positions')),
  });
  const codes = useTaxCodes();
  const [editing, setEditing] = useState<FiscalPosition | 'new' | null>(null);
  const codeOf = (id: string) => codes.data?.items.find((c) => c.id === id)?.code ?? '?';
  return (
    <section className="card" aria-labelledby="fiscal-positions-h">
      <h2 id="fiscal-positions-h">Fiscal positions</h2>
      <QueryState query={positions} height="5em">
        {(list) =>
          list.items.length === 0 ? (
            <EmptyState title="No fiscal positions">Parties are domestic: their documents keep their codes.</EmptyState>
          ) : (
            <table aria-label="Fiscal positions">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Maps</th>
                  {can('finance:admin') && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {list.items.map((p) => (
                  <tr key={p.id}>
                    <td>{p.name}</td>
                    <td>{KIND_LABELS[p.kind]}</td>
                    <td>
                      {p.mappings.length === 0
                        ? '—'
                        : p.mappings.map((m) => `${codeOf(m.fromTaxCodeId)} → ${codeOf(m.toTaxCodeId)}`).join(', ')}
                    </td>
                    {can('finance:admin') && (
                      <td>
                        <button type="button" className="btn btn-small" onClick={() => setEditing(p)}>
                          Edit
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {can('finance:admin') && (
        <div className="form-actions">
          <button type="button" className="btn" onClick={() => setEditing('new')}>
            New fiscal position
          </button>
        </div>
      )}
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? 'New fiscal position' : `Edit ${editing?.name ?? ''}`}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <PositionForm
            position={editing === 'new' ? null : editing}
            codes={codes.data?.items ?? []}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
    </section>
  );
}

function PositionForm({
  position,
  codes,
  onDone,
}: {
  position: FiscalPosition | null;
  codes: TaxCode[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState(position?.name ?? '');
  const [kind, setKind] = useState<Kind>(position?.kind ?? 'intra-eu');
  const [mappings, setMappings] = useState<Mapping[]>(position?.mappings ?? []);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const complete = mappings.every((m) => m.fromTaxCodeId && m.toTaxCodeId);
  const setMapping = (i: number, patch: Partial<Mapping>) =>
    setMappings((all) => all.map((m, n) => (n === i ? { ...m, ...patch } : m)));

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { name: name.trim(), kind, mappings };
      if (position)
        await unwrap(
          api.PATCH('/api/v1/finance/fiscal-positions/{id}', {
            params: { path: { id: position.id } },
            body: { ...body, version: position.version },
          }),
        );
      else await unwrap(api.POST('/api/v1/finance/fiscal-positions', { body }));
      await queryClient.invalidateQueries({ queryKey: positionsKey });
      toast.success(`Fiscal position ${body.name} saved.`);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const codeSelect = (value: string, onChange: (id: string) => void, label: string) => (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a code</option>
      {codes.map((c) => (
        <option key={c.id} value={c.id}>
          {c.code} — {c.name}
        </option>
      ))}
    </select>
  );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <FormErrorBanner error={error} />
      <label className="field">
        Name <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <label className="field">
        Kind{' '}
        <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {Object.entries(KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <table aria-label="Tax code mappings">
        <thead>
          <tr>
            <th scope="col">Instead of</th>
            <th scope="col">Use</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {mappings.map((m, i) => (
            <tr key={i}>
              <td>
                {codeSelect(m.fromTaxCodeId, (id) => setMapping(i, { fromTaxCodeId: id }), `Mapping ${i + 1}: from`)}
              </td>
              <td>{codeSelect(m.toTaxCodeId, (id) => setMapping(i, { toTaxCodeId: id }), `Mapping ${i + 1}: to`)}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() => setMappings((all) => all.filter((_, n) => n !== i))}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          onClick={() => setMappings((all) => [...all, { fromTaxCodeId: '', toTaxCodeId: '' }])}
        >
          Add mapping
        </button>
        <button type="submit" className="btn btn-primary" disabled={busy || !name.trim() || !complete}>
          Save fiscal position
        </button>
      </div>
    </form>
  );
}
