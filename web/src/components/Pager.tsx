import type { Dispatch, SetStateAction } from 'react';

/**
 * Previous/Next over a keyset-paginated list. `cursors` is the stack of cursors of the pages seen so
 * far (e.g. `[undefined]` on the first page); the page number is its length.
 */
export function Pager<C extends string | undefined>(props: {
  label: string;
  cursors: C[];
  setCursors: Dispatch<SetStateAction<C[]>>;
  nextCursor: string | null | undefined;
  busy: boolean;
}) {
  const { label, cursors, setCursors, nextCursor, busy } = props;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="btn"
        disabled={cursors.length <= 1 || busy}
        onClick={() => setCursors((c) => c.slice(0, -1))}
      >
        ← Previous
      </button>
      <span aria-live="polite">Page {cursors.length}</span>
      <button
        type="button"
        className="btn"
        disabled={!nextCursor || busy}
        onClick={() => {
          if (nextCursor) setCursors((c) => [...c, nextCursor as C]);
        }}
      >
        Next →
      </button>
    </nav>
  );
}
