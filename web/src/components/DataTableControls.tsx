import type { Column, FilterDef } from './DataTable';

/** One filter of a DataTable's filter bar: a select (with "All"), or a search, text or date input. */
export function FilterControl({
  id,
  filter,
  value,
  onChange,
}: {
  id: string;
  filter: FilterDef;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div className="filter">
      <label htmlFor={id}>{filter.label}</label>
      {filter.type === 'select' ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{filter.placeholder ?? 'All'}</option>
          {filter.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={filter.type === 'date' ? 'date' : filter.type}
          value={value}
          placeholder={filter.placeholder}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}

/** The "Columns" menu of a DataTable: a checkbox per column (always-visible ones stay ticked). */
export function ColumnChooser<T>({
  columns,
  visible,
  onToggle,
}: {
  columns: Column<T>[];
  visible: (column: Column<T>) => boolean;
  onToggle: (columnId: string, show: boolean) => void;
}) {
  return (
    <details className="menu">
      <summary className="btn">Columns</summary>
      <div className="menu-panel" role="group" aria-label="Visible columns">
        {columns.map((c) => (
          <label key={c.id} className="field-check">
            <input
              type="checkbox"
              checked={visible(c)}
              disabled={c.alwaysVisible}
              onChange={(e) => onToggle(c.id, e.target.checked)}
            />
            {c.header}
          </label>
        ))}
      </div>
    </details>
  );
}
