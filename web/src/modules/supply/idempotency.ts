import { useCallback, useRef } from 'react';

const newKey = (): string =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `supply-${Date.now()}-${Math.random().toString(36).slice(2)}`;

/**
 * An `Idempotency-Key` for a form that moves stock: a retry of the same request (a double click, a
 * lost answer) does not move it twice. `renew()` after a success, so the next request is a new one
 * (a failed request releases its key on the server, so it may be reused with other values).
 */
export function useIdempotencyKey() {
  const key = useRef(newKey());
  const headers = useCallback(() => ({ 'Idempotency-Key': key.current }), []);
  const renew = useCallback(() => {
    key.current = newKey();
  }, []);
  return { headers, renew };
}
