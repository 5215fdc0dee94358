import type { EventType } from '../../../platform/events/event-types.js';
import type { ActionDefinition } from '../../../platform/modules/action.js';
import type { LinkableRecord } from '../../../platform/modules/record.js';
import type { DefinitionCatalog } from '../flows/definition.js';

/** A record type's name, `<module>.<record>` (e.g. `crm.organization`). */
export function recordTypeOf(module: string, record: string): string {
  return `${module}.${record}`;
}

/**
 * A record type a manual flow may be run from (a "Run flow" button on the record's page in the web
 * app, `trigger.record = { type, id }` in the run): every type an installed module declares in its
 * manifest's `records`, with the permission and visibility check of the record's own `GET`.
 */
export interface RecordTypeInfo extends LinkableRecord {
  type: string;
}

interface Catalog extends DefinitionCatalog {
  actionsByKey: ReadonlyMap<string, ActionDefinition>;
  eventTypesByName: ReadonlyMap<string, EventType>;
  recordTypesByKey: ReadonlyMap<string, RecordTypeInfo>;
}

let catalog: Catalog | undefined;

/**
 * Every module action and event type of the installation, from the manifests (a lazy import: the
 * module list names this module's manifest too, as Strategy's metric registry does), and the record
 * types of the installed modules.
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
    const recordTypesByKey = new Map<string, RecordTypeInfo>();
    for (const m of modules)
      for (const [type, record] of Object.entries(m.records ?? {})) recordTypesByKey.set(type, { type, ...record });
    const eventTypesByName = new Map<string, EventType>();
    for (const m of modules) for (const e of m.events ?? []) eventTypesByName.set(e.name, e);
    catalog = {
      actionsByKey,
      eventTypesByName,
      actions: new Set(actionsByKey.keys()),
      eventTypes: new Set(eventTypesByName.keys()),
      recordTypesByKey,
      recordTypes: new Set(recordTypesByKey.keys()),
    };
  }
  return catalog;
}
