import type { ActionDefinition } from '../../../platform/modules/action.js';
import type { DefinitionCatalog } from '../flows/definition.js';

interface Catalog extends DefinitionCatalog {
  actionsByKey: ReadonlyMap<string, ActionDefinition>;
}

let catalog: Catalog | undefined;

/**
 * Every module action and event type of the installation, from the manifests (a lazy import: the
 * module list names this module's manifest too, as Strategy's metric registry does).
 */
export async function automationCatalog(): Promise<Catalog> {
  if (!catalog) {
    const { modules } = await import('../../../app/modules.js');
    const actionsByKey = new Map<string, ActionDefinition>();
    for (const m of modules)
      for (const a of m.actions ?? []) {
        if (actionsByKey.has(a.key)) throw new Error(`Action ${a.key} is declared twice`);
        actionsByKey.set(a.key, a);
      }
    catalog = {
      actionsByKey,
      actions: new Set(actionsByKey.keys()),
      eventTypes: new Set(modules.flatMap((m) => (m.events ?? []).map((e) => e.name))),
    };
  }
  return catalog;
}
