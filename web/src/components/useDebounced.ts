import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `ms` milliseconds: for search boxes and previews that
 * should not ask the server on every keystroke. The first render returns `value` at once.
 * Equality is `Object.is`: pass a string (or memoised/state object), not an object rebuilt on every
 * render, or it never settles.
 */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
