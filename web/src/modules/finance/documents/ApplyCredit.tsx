import { useState } from 'react';
import { api, ProblemError, unwrap } from '../../../api';
import { FormErrorBanner, Money, Skeleton, useToast } from '../../../components';
import { compareDecimals, isDecimal, isZero, minDecimal, minorUnits, sumDecimals, today } from '../decimal';
import { AllocationRow } from '../payments/AllocationRow';
import { KINDS, useOpenDocuments, type DocumentKind, type FinanceDocument } from '../queries';

/**
 * Applies what is left of an issued credit note (vendor credit) to the party's open invoices (bills)
 * in the same currency: `POST /credit-notes/{id}/allocations`.
 */
export function ApplyCredit({
  kind,
  doc,
  onDone,
  onReload,
}: {
  kind: 'credit-note' | 'vendor-credit';
  doc: FinanceDocument;
  onDone: (next: FinanceDocument) => Promise<void>;
  onReload: () => void;
}) {
  const k = KINDS[kind];
  const target: DocumentKind = k.settles!;
  const targetLabel = KINDS[target].plural.toLowerCase();
  const toast = useToast();
  const docs = useOpenDocuments(target, doc.partyId);
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const places = minorUnits(doc.currency);
  const candidates = (docs.data ?? []).filter((d) => d.currency === doc.currency);
  const entries = Object.entries(values).filter(([, v]) => v.trim() !== '' && !isZero(v));
  const problems: Record<string, string> = { ...errors };
  for (const [id, v] of entries) {
    const d = candidates.find((c) => c.id === id);
    if (!d) continue;
    if (!isDecimal(v.trim(), places) || v.trim().startsWith('-'))
      problems[id] = `A number with at most ${places} decimals.`;
    else if (compareDecimals(v, d.open) > 0) problems[id] = 'More than its open amount.';
  }
  const total = sumDecimals(
    entries.map(([, v]) => (isDecimal(v.trim(), places) ? v : '0')),
    places,
  );
  const tooMuch = compareDecimals(total, doc.open) > 0;
  const invalid = entries.some(([id]) => problems[id]);

  const fillOldestFirst = () => {
    let left = doc.open;
    const next: Record<string, string> = {};
    for (const d of candidates) {
      if (isZero(left) || left.startsWith('-')) break;
      const take = minDecimal(left, d.open, places);
      next[d.id] = take;
      left = sumDecimals([left, `-${take}`], places);
    }
    setValues(next);
    setErrors({});
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const sent = entries.map(([documentId, amount]) => ({ documentId, amount: amount.trim() }));
    try {
      const path = `/api/v1/finance/${k.path}/{id}/allocations` as '/api/v1/finance/credit-notes/{id}/allocations';
      const next = await unwrap(
        api.POST(path, { params: { path: { id: doc.id } }, body: { date: today(), allocations: sent } }),
      );
      setValues({});
      await onDone(next);
      toast.success(`Applied ${total} ${doc.currency}.`);
    } catch (e) {
      const byDoc: Record<string, string> = {};
      if (e instanceof ProblemError)
        for (const fe of e.errors) {
          const m = /^allocations\.(\d+)/.exec(fe.path);
          const id = m ? sent[Number(m[1])]?.documentId : undefined;
          if (id) byDoc[id] ??= fe.message;
        }
      setErrors(byDoc);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (docs.isPending) return <Skeleton height="4em" />;
  return (
    <section className="card" aria-labelledby="apply-credit-h">
      <h2 id="apply-credit-h">Apply to open {targetLabel}</h2>
      <p className="muted">
        Left to apply: <Money amount={doc.open} currency={doc.currency} />. Only {targetLabel} of {doc.partyName} in{' '}
        {doc.currency} are listed.
      </p>
      <FormErrorBanner error={error} onReload={onReload} />
      {candidates.length === 0 ? (
        <p className="muted">
          {doc.partyName} has no open {targetLabel} in {doc.currency}.
        </p>
      ) : (
        <>
          <div className="table-scroll">
            <table className="fin-lines" aria-label={`Open ${targetLabel}`}>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Date</th>
                  <th scope="col">Due</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                  <th scope="col" className="num">
                    Open
                  </th>
                  <th scope="col" className="num">
                    Apply
                  </th>
                </tr>
              </thead>
              <tbody>
                {candidates.map((d) => (
                  <AllocationRow
                    key={d.id}
                    doc={d}
                    value={values[d.id] ?? ''}
                    error={values[d.id]?.trim() ? problems[d.id] : undefined}
                    disabled={busy}
                    onChange={(v) => {
                      setValues((x) => ({ ...x, [d.id]: v.replace(',', '.') }));
                      setErrors(({ [d.id]: _, ...rest }) => rest);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
          <p aria-live="polite">
            Applying <strong data-testid="credit-applying">{`${total} ${doc.currency}`}</strong>
          </p>
          {tooMuch && (
            <p className="field-error" role="alert">
              That is more than the <Money amount={doc.open} currency={doc.currency} /> left on this{' '}
              {k.label.toLowerCase()}.
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={fillOldestFirst} disabled={busy}>
              Apply oldest first
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void submit()}
              disabled={busy || entries.length === 0 || invalid || tooMuch}
              aria-busy={busy}
            >
              {busy ? 'Applying…' : 'Apply credit'}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
