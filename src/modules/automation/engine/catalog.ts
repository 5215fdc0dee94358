import type { AttachableRecord } from '../../../platform/files/attachable.js';
import type { EventType } from '../../../platform/events/event-types.js';
import type { ActionDefinition } from '../../../platform/modules/action.js';
import type { DefinitionCatalog } from '../flows/definition.js';

/**
 * Record types a manual flow may be run from (a "Run flow" button on the record's page in the web
 * app, `trigger.record = { type, id }` in the run). Kept here, not in the manifests: a type is offered
 * when its module is installed and the web app has a page for it. When the module also declares the
 * type as attachable (its manifest's `attachments`), starting a run checks with that declaration's
 * `visible` that the caller sees the record (else 404).
 */
/** A record type's name, `<module>.<record>` (e.g. `crm.organization`). */
export function recordTypeOf(module: string, record: string): string {
  return `${module}.${record}`;
}

export const RECORD_TYPES: readonly { type: string; module: string; label: string }[] = (
  [
    ['crm', 'organization', 'Organization'],
    ['crm', 'contact', 'Contact'],
    ['crm', 'opportunity', 'Opportunity'],
    ['projects', 'project', 'Project'],
    ['hr', 'employee', 'Employee'],
  ] as const
).map(([module, record, label]) => ({ type: recordTypeOf(module, record), module, label }));

export interface RecordTypeInfo {
  type: string;
  label: string;
  /** The owning module's visibility check, when it declares one for the type. */
  visible: AttachableRecord['visible'] | null;
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
    for (const r of RECORD_TYPES) {
      const owner = modules.find((m) => m.name === r.module);
      if (!owner) continue;
      recordTypesByKey.set(r.type, {
        type: r.type,
        label: r.label,
        visible: owner.attachments?.[r.type]?.visible ?? null,
      });
    }
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
