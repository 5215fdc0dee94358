export { api, authFetch, downloadFile, listFetcher, unwrap, withQuery } from './client';
export type { ListItem, ListPath, ListQuery, Page } from './client';
export { ProblemError, errorMessage } from './problem';
export type { FieldError, ProblemDocument } from './problem';
export { queryClient } from './query';
export type { Me } from './session';
export type { components, paths } from './schema';

import type { components } from './schema';
/** A named schema of the API: `Schema<'User'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];
