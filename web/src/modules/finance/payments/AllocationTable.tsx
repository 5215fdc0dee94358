import type { DocumentSummary } from '../queries';
import { AllocationRow } from './AllocationRow';

/** The party's open documents with an amount to allocate to each; fill oldest first, or clear. */
export function AllocationTable({
  docs,
  docKind,
  allocations,
  errors,
  disabled,
  onChange,
  onAutoAllocate,
  onClear,
}: {
  docs: DocumentSummary[];
  docKind: 'invoice' | 'bill';
  /** Amount typed per document id. */
  allocations: Record<string, string>;
  errors: Record<string, string>;
  disabled: boolean;
  onChange: (documentId: string, value: string) => void;
  /** Allocate the payment to the oldest documents first; absent while the amount is not valid. */
  onAutoAllocate: (() => void) | undefined;
  onClear: () => void;
}) {
  return (
    <>
      <div className="table-scroll">
        <table className="fin-lines" aria-label={`Open ${docKind}s`}>
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
                Allocate
              </th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <AllocationRow
                key={d.id}
                doc={d}
                value={allocations[d.id] ?? ''}
                error={errors[d.id]}
                disabled={disabled}
                onChange={(value) => onChange(d.id, value)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="btn" onClick={onAutoAllocate} disabled={!onAutoAllocate}>
          Allocate oldest first
        </button>
        <button type="button" className="btn" onClick={onClear}>
          Clear allocations
        </button>
      </div>
    </>
  );
}
