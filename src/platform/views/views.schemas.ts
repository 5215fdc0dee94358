import { z } from '@hono/zod-openapi';

/** How many views one person keeps per list. */
export const MAX_VIEWS_PER_LIST = 50;

export const listKey = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'A list key such as crm.organizations.')
  .openapi({ example: 'crm.organizations' });

/** A list's query parameters: at most 30, names up to 50 characters, values up to 500, 4 kB in all. */
export const viewQuery = z
  .record(
    z
      .string()
      .min(1)
      .max(50)
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'A parameter name.'),
    z.string().max(500),
  )
  .refine((q) => Object.keys(q).length <= 30, 'At most 30 parameters.')
  .refine((q) => JSON.stringify(q).length <= 4000, 'At most 4 kB of parameters.')
  .openapi({ description: 'The list’s filters and sort as query parameters', example: { industry: 'Retail' } });

export const SavedView = z
  .object({
    id: z.uuid(),
    list: z.string(),
    name: z.string(),
    query: z.record(z.string(), z.string()),
    createdAt: z.iso.datetime(),
  })
  .openapi('SavedListView');
export const SavedViewList = z.object({ items: z.array(SavedView) }).openapi('SavedListViewList');
export const ViewsQuery = z.object({ list: listKey });
export const CreateViewBody = z
  .strictObject({ list: listKey, name: z.string().trim().min(1).max(100), query: viewQuery })
  .openapi('CreateSavedListViewRequest');
export type CreateViewInput = z.output<typeof CreateViewBody>;
