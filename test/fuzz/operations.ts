import type { FunctionName } from '../../src/platform/modules/module.js';
import type { Schema } from './schema-values.js';

export interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

interface OpenApiOperation {
  parameters?: Param[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface Operation {
  /** `POST /api/v1/crm/organizations` */
  key: string;
  fn: FunctionName;
  basePath: string;
  method: string;
  /** The OpenAPI path template, `/api/v1/crm/organizations/{id}`. */
  path: string;
  pathParams: Param[];
  queryParams: Param[];
  body?: Schema | undefined;
}

const hasPathParams = (path: string) => path.includes('{');

/**
 * The order the fuzz walks them in: reads first (they collect ids), then creates, updates, actions,
 * the actions that end a record's changes (close, void, terminate …), deletes last, so each kind
 * meets the records the earlier ones left.
 */
function group(op: Operation): number {
  if (op.method === 'GET') return hasPathParams(op.path) ? 1 : 0;
  if (op.method === 'POST' && !hasPathParams(op.path)) return 2;
  if (op.method === 'PUT' || op.method === 'PATCH') return 3;
  if (op.method === 'POST') return ENDINGS.test(op.path) ? 5 : 4;
  return 6;
}
/** Actions after which a record (or a whole fiscal year) takes no more changes. */
const ENDINGS = /\/(close|reopen|cancel|terminate|deactivate|void|reject|lose|win|approve|convert|merge)$/;

/** Every operation of the document, with the module (and so the function) that serves it. */
export function operationsOf(
  doc: OpenApiDocument,
  modules: readonly { basePath: string; function: FunctionName }[],
): Operation[] {
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    const module = modules
      .filter((m) => path === m.basePath || path.startsWith(`${m.basePath}/`))
      .sort((a, b) => b.basePath.length - a.basePath.length)[0];
    if (!module) continue;
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        fn: module.function,
        basePath: module.basePath,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: op.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return operations
    .map((op, i) => ({ op, i }))
    .sort((a, b) => group(a.op) - group(b.op) || a.i - b.i)
    .map((x) => x.op);
}
