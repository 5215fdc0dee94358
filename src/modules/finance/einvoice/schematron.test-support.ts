import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * The EN 16931 business rules bound to UBL (CEN/TC 434's official Schematron, as Peppol BIS Billing
 * 3.0 ships it: test/fixtures/ubl-2.1/schematron/), run with node-schematron (XPath 3.1 in JavaScript:
 * offline, no XSLT processor). Returns the ids of the rules a document breaks, split by the rule's
 * flag. Peppol's own layer (PEPPOL-EN16931-*) needs XSLT functions node-schematron does not run.
 */
// node-schematron's types pull in fontoxpath's, which reference the DOM library and change the
// global stream types for the whole program: load it untyped, with the little of its API used here.
interface Schema {
  validateString(xml: string): { assertId: string | null; isReport: boolean; message?: string }[];
}
const { Schema: SchemaClass } = createRequire(import.meta.url)('node-schematron') as {
  Schema: { fromString(text: string): Schema };
};

const FILE = join(import.meta.dirname, '../../../../test/fixtures/ubl-2.1/schematron/CEN-EN16931-UBL.sch');

let loaded: { schema: Schema; flags: Map<string, string> } | undefined;

function load() {
  if (!loaded) {
    const text = readFileSync(FILE, 'utf8');
    const flags = new Map([...text.matchAll(/<assert id="([^"]+)" flag="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
    loaded = { schema: SchemaClass.fromString(text), flags };
  }
  return loaded;
}

export function en16931Violations(xml: string): { fatal: string[]; warnings: string[] } {
  const { schema, flags } = load();
  const results = schema.validateString(xml);
  const ids = results.filter((r) => !r.isReport).map((r) => r.assertId ?? r.message ?? 'unnamed assertion');
  return {
    fatal: ids.filter((id) => flags.get(id) !== 'warning'),
    warnings: ids.filter((id) => flags.get(id) === 'warning'),
  };
}
