import { useId } from 'react';
import type { Cycle } from './queries';

/** A plain select of the cycles (not a form field: changing it only changes what the page shows). */
export function CyclePicker({
  cycles,
  value,
  onChange,
}: {
  cycles: readonly Cycle[];
  value: string;
  onChange: (id: string) => void;
}) {
  const id = useId();
  return (
    <span className="st-picker">
      <label htmlFor={id}>Cycle </label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {cycles.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name} ({c.startDate} – {c.endDate}){c.status === 'closed' ? ' · closed' : ''}
          </option>
        ))}
      </select>
    </span>
  );
}
