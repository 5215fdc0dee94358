import { QueryClient } from '@tanstack/react-query';
import { ProblemError } from './problem';

/** One QueryClient for the app. Client errors (4xx) are not retried; server/network errors once. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        !(error instanceof ProblemError && error.status >= 400 && error.status < 500) && failures < 1,
    },
    mutations: { retry: false },
  },
});
