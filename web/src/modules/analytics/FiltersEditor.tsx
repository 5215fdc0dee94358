import { OPS, type FieldOption, type FilterRow, type Op } from './model';

/** Simple filters: field, operator, value; add and remove rows. */
export function FiltersEditor({
  legend,
  rows,
  fields,
  onChange,
}: {
  legend: string;
  rows: FilterRow[];
  fields: readonly FieldOption[];
  onChange: (rows: FilterRow[]) => void;
}) {
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {rows.map((f, i) => {
        const update = (patch: Partial<FilterRow>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...patch } : x)));
        const type = fields.find((x) => x.name === f.field)?.type;
        return (
          <div key={i} className="an-row">
            <select
              aria-label={`Filter ${i + 1} field`}
              value={f.field}
              onChange={(e) => update({ field: e.target.value })}
            >
              {fields.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.label}
                </option>
              ))}
            </select>
            <select
              aria-label={`Filter ${i + 1} operator`}
              value={f.op}
              onChange={(e) => update({ op: e.target.value as Op })}
            >
              {(Object.keys(OPS) as Op[]).map((op) => (
                <option key={op} value={op}>
                  {OPS[op]}
                </option>
              ))}
            </select>
            {f.op !== 'isNull' && f.op !== 'notNull' && (
              <input
                aria-label={`Filter ${i + 1} value`}
                type={type === 'date' ? 'date' : 'text'}
                inputMode={type === 'number' || type === 'money' ? 'decimal' : undefined}
                value={f.value}
                placeholder={type === 'boolean' ? 'true or false' : undefined}
                onChange={(e) => update({ value: e.target.value })}
              />
            )}
            <button
              type="button"
              className="btn btn-ghost"
              aria-label={`Remove filter ${i + 1}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        );
      })}
      {fields.length > 0 && (
        <div>
          <button
            type="button"
            className="btn"
            onClick={() => onChange([...rows, { field: fields[0]!.name, op: 'eq', value: '' }])}
          >
            Add filter
          </button>
        </div>
      )}
    </fieldset>
  );
}
