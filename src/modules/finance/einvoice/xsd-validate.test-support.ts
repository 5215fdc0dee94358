import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';

/**
 * Validates a UBL 2.1 document against the official OASIS schemas vendored under
 * test/fixtures/ubl-2.1/ with libxml2 (xmllint compiled to WebAssembly: offline, no native code).
 */
const ROOT = join(import.meta.dirname, '../../../../test/fixtures/ubl-2.1/xsd');

let schemas: Promise<{ common: { fileName: string; contents: string }[]; maindoc: Map<string, string> }> | undefined;

function loadSchemas() {
  schemas ??= (async () => {
    const common = await Promise.all(
      (await readdir(join(ROOT, 'common')))
        .filter((f) => f.endsWith('.xsd'))
        .map(async (f) => ({ fileName: `common/${f}`, contents: await readFile(join(ROOT, 'common', f), 'utf8') })),
    );
    const maindoc = new Map<string, string>();
    for (const doc of ['Invoice', 'CreditNote'])
      maindoc.set(doc, await readFile(join(ROOT, 'maindoc', `UBL-${doc}-2.1.xsd`), 'utf8'));
    return { common, maindoc };
  })();
  return schemas;
}

export async function validateUbl(xml: string, document: 'Invoice' | 'CreditNote') {
  const { common, maindoc } = await loadSchemas();
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [{ fileName: `maindoc/UBL-${document}-2.1.xsd`, contents: maindoc.get(document)! }],
    preload: common,
    maxMemoryPages: 16384, // 1 GiB: the aggregate components schema alone is 2.4 MB
  });
  return { valid: result.valid, errors: result.errors.map((e) => e.rawMessage) };
}
