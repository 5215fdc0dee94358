import type { ReactNode } from 'react';
import { ErrorState, Skeleton } from './feedback';

/** What QueryState reads of a `useQuery` (or `useInfiniteQuery`) result. */
type QueryLike<T, E> = { refetch: () => Promise<unknown> } & (
  | { isPending: true; isError: false; data: undefined; error: E | null }
  | { isPending: false; isError: true; data: T | undefined; error: E }
  | { isPending: false; isError: false; data: T; error: E | null }
);

/**
 * A query's three states in one place: a `<Skeleton>` while it loads, an `<ErrorState>` (with "Try
 * again", which refetches) when it failed, and `children(data)` once it has data.
 *
 * ```tsx
 * <QueryState query={contact} height="12em">{(c) => <ContactView contact={c} />}</QueryState>
 * ```
 * `loading` replaces the skeleton, `error` the error state; `retry={false}` leaves out "Try again".
 */
export function QueryState<T, E = Error>({
  query,
  height,
  width,
  loading,
  error,
  retry = true,
  children,
}: {
  query: QueryLike<T, E>;
  /** The skeleton's size. */
  height?: string;
  width?: string;
  /** What to show while loading instead of the skeleton. */
  loading?: ReactNode;
  /** What to show when the query failed instead of `<ErrorState>`. */
  error?: (error: E) => ReactNode;
  retry?: boolean;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return loading !== undefined ? loading : <Skeleton height={height} width={width} />;
  if (query.isError)
    return error ? (
      error(query.error)
    ) : (
      <ErrorState error={query.error} {...(retry ? { onRetry: () => void query.refetch() } : {})} />
    );
  return children(query.data);
}
