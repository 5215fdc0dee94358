import { hasPermission, type Actor } from '../../../platform/auth/actor.js';
import type { DatasetDefinition } from '../../../platform/modules/dataset.js';
import { analyticsErrors } from '../analytics.errors.js';

let registry: Map<string, DatasetDefinition> | undefined;

/**
 * Every dataset the installed modules declare in their manifests (`datasets`), by key. Read from
 * the module list on first use (a lazy import: the list names this module's manifest too).
 */
export async function datasetRegistry(): Promise<ReadonlyMap<string, DatasetDefinition>> {
  if (!registry) {
    const { modules } = await import('../../../app/modules.js');
    registry = new Map(modules.flatMap((m) => (m.datasets ?? []).map((d) => [d.key, d] as const)));
  }
  return registry;
}

/** Whether the caller may query the dataset (its module's permission; rows are limited further by its base query). */
export const mayQuery = (caller: Actor, dataset: DatasetDefinition): boolean =>
  hasPermission(caller, dataset.permission);

/** The dataset the caller may query: 422 when there is none by that key, 403 without its permission. */
export async function datasetFor(caller: Actor, key: string, path = 'dataset'): Promise<DatasetDefinition> {
  const dataset = (await datasetRegistry()).get(key);
  if (!dataset) throw analyticsErrors.unknownDataset(path, key);
  if (!mayQuery(caller, dataset)) throw analyticsErrors.datasetNotVisible(key, dataset.permission);
  return dataset;
}
