import { z } from '@hono/zod-openapi';

export const searchKinds = ['organization', 'contact', 'lead', 'opportunity'] as const;
export type SearchKind = (typeof searchKinds)[number];

export const SearchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(2, 'At least 2 characters.')
    .max(200)
    .openapi({ description: 'Words to find (each must occur); 3+ characters per word use the index' }),
  limit: z.coerce.number().int().min(1).max(50).default(10).openapi({ description: 'Hits (1–50), best first' }),
});

export const SearchHit = z
  .object({
    kind: z.enum(searchKinds),
    id: z.uuid(),
    title: z.string(),
    subtitle: z.string().nullable(),
    ownerId: z.uuid(),
    ownerName: z.string().nullable().openapi({ description: 'The owner’s display name' }),
  })
  .openapi('CrmSearchHit');
export const SearchResult = z.object({ items: z.array(SearchHit) }).openapi('CrmSearchResult');

export type SearchInput = z.output<typeof SearchQuery>;
export type SearchHitDto = z.input<typeof SearchHit>;
