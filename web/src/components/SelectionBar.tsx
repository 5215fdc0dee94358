import type { ReactNode } from 'react';

/**
 * The bar of bulk actions over a list's ticked rows (`DataTable`'s `selection`): how many are ticked,
 * "Clear", and the actions. Shown only while something is ticked.
 */
export function SelectionBar({
  count,
  onClear,
  children,
}: {
  count: number;
  onClear: () => void;
  children: ReactNode;
}) {
  if (count === 0) return null;
  return (
    <div className="toolbar selection-bar" role="region" aria-label="Bulk actions">
      <strong aria-live="polite">{count} selected</strong>
      <button type="button" className="btn btn-link" onClick={onClear}>
        Clear selection
      </button>
      <div className="toolbar-spacer" />
      {children}
    </div>
  );
}
