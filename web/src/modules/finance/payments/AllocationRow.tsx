import { DateText, Money } from '../../../components';
import type { DocumentSummary } from '../queries';

/** One open document with its allocation input ("Full" fills its open amount). */
export function AllocationRow({
  doc,
  value,
  error,
  disabled,
  onChange,
}: {
  doc: DocumentSummary;
  value: string;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const errId = `alloc-${doc.id}-err`;
  return (
    <tr>
      <td>
        {doc.number}
        {doc.overdue && <span className="badge fin-overdue"> overdue</span>}
      </td>
      <td>
        <DateText value={doc.date} />
      </td>
      <td>
        <DateText value={doc.dueDate} />
      </td>
      <td className="num">
        <Money amount={doc.total} currency={doc.currency} />
      </td>
      <td className="num">
        <Money amount={doc.open} currency={doc.currency} />
      </td>
      <td>
        <div className="input-group">
          <input
            aria-label={`Allocate to ${doc.number}`}
            className="fin-amount"
            inputMode="decimal"
            value={value}
            placeholder="0.00"
            onChange={(e) => onChange(e.target.value)}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errId : undefined}
          />
          <button
            type="button"
            className="btn"
            onClick={() => onChange(doc.open)}
            disabled={disabled}
            aria-label={`Allocate the open amount of ${doc.number}`}
          >
            Full
          </button>
        </div>
        {error && (
          <p id={errId} className="fin-line-error">
            {error}
          </p>
        )}
      </td>
    </tr>
  );
}
