import { z } from 'zod';
import { errors, type FieldError } from '../../../../platform/errors/app-error.js';

/**
 * The compliance library format (docs/adr/0022, README "Library format"): one framework version and
 * its requirement tree. CISO Assistant's library (its YAML read as JSON: `objects.framework` with a
 * flat `requirement_nodes` list) is accepted too and converted (`fromCisoAssistant`).
 */
export const LIBRARY_FORMAT = 'moms-compliance-library/1';
/** Deepest requirement tree accepted (a framework → category → … chain). */
export const MAX_DEPTH = 8;
export const MAX_REQUIREMENTS = 5000;

export interface RequirementNode {
  refId: string;
  title: string;
  description?: string | undefined;
  /** Can be assessed and covered by controls (default: a node without children). */
  assessable?: boolean | undefined;
  children?: RequirementNode[] | undefined;
}

export interface LibraryDocument {
  format: typeof LIBRARY_FORMAT;
  framework: { key: string; version: string; name: string; publisher?: string; description?: string };
  requirements: RequirementNode[];
}

const text = (max: number) => z.string().trim().min(1, 'Required.').max(max);

const Node: z.ZodType<RequirementNode> = z.strictObject({
  refId: text(100).regex(/^[^\s].*$/, 'A reference id.'),
  title: text(2000),
  description: z.string().max(20_000).optional(),
  assessable: z.boolean().optional(),
  get children() {
    return z.array(Node).max(MAX_REQUIREMENTS).optional();
  },
});

export const Library = z.strictObject({
  format: z.literal(LIBRARY_FORMAT, { error: `The format must be "${LIBRARY_FORMAT}".` }),
  framework: z.strictObject({
    key: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,62}$/, 'Lowercase letters, digits, dots and hyphens (e.g. "nist-csf").'),
    version: text(40),
    name: text(200),
    publisher: z.string().trim().max(200).optional(),
    description: z.string().trim().max(20_000).optional(),
  }),
  requirements: z.array(Node).min(1, 'A framework needs at least one requirement.').max(MAX_REQUIREMENTS),
});

/** CISO Assistant's framework library (the parts MOMS reads). */
const CisoLibrary = z.looseObject({
  urn: z.string().max(500),
  name: z.string().trim().min(1).max(200),
  version: z.union([z.number().int().min(0), z.string().min(1).max(40)]),
  provider: z.string().max(200).optional(),
  description: z.string().max(20_000).optional(),
  objects: z.looseObject({
    framework: z.looseObject({
      urn: z.string().max(500),
      ref_id: z.string().trim().min(1).max(100),
      name: z.string().trim().min(1).max(200),
      description: z.string().max(20_000).optional(),
      requirement_nodes: z
        .array(
          z.looseObject({
            urn: z.string().min(1).max(500),
            parent_urn: z.string().max(500).optional(),
            ref_id: z.string().trim().max(100).optional(),
            name: z.string().max(2000).optional(),
            description: z.string().max(20_000).optional(),
            assessable: z.boolean(),
          }),
        )
        .min(1)
        .max(MAX_REQUIREMENTS),
    }),
  }),
});

/** A flattened requirement, in tree order. */
export interface FlatRequirement {
  refId: string;
  title: string;
  description: string;
  assessable: boolean;
  depth: number;
  /** Index of the parent in the flat list, or null for a root. */
  parent: number | null;
}

/** Depth of nested `children` (iterative, so a hostile 100,000-deep document cannot blow the stack). */
function tooDeep(raw: unknown, key: string): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: raw, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > MAX_DEPTH) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth, path: `${path}.${i}` }));
    else if (value && typeof value === 'object') {
      const children = (value as Record<string, unknown>)[key];
      if (children !== undefined) stack.push({ value: children, depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return null;
}

/** The refId of the node a path points into (`requirements.2.children.0.title` → that node's refId). */
function nodeAt(raw: unknown, path: readonly PropertyKey[]): string | null {
  let value: unknown = raw;
  let found: string | null = null;
  for (const key of path) {
    if (!value || typeof value !== 'object') break;
    value = (value as Record<PropertyKey, unknown>)[key];
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const refId = (value as Record<string, unknown>).refId;
      if (typeof refId === 'string') found = refId;
    }
  }
  return found;
}

function invalid(raw: unknown, issues: readonly z.core.$ZodIssue[]): never {
  const list: FieldError[] = issues.slice(0, 50).map((i) => {
    const node = i.path[0] === 'requirements' ? nodeAt(raw, i.path) : null;
    return {
      path: i.path.map(String).join('.'),
      message: node ? `Requirement "${node}": ${i.message}` : i.message,
      code: i.code,
    };
  });
  throw errors.validation(list, `The library is not valid: ${list[0]?.path ?? ''} ${list[0]?.message ?? ''}`.trim());
}

function convertCiso(doc: z.output<typeof CisoLibrary>): LibraryDocument {
  const fw = doc.objects.framework;
  const nodes = new Map<string, RequirementNode & { parentUrn: string | undefined }>();
  const roots: RequirementNode[] = [];
  fw.requirement_nodes.forEach((n) => {
    const refId = n.ref_id?.trim() || n.urn.split(':').at(-1) || n.urn;
    nodes.set(n.urn, {
      refId,
      title: n.name?.trim() || n.description?.trim().slice(0, 2000) || refId,
      description: n.name ? (n.description ?? '') : '',
      assessable: n.assessable,
      parentUrn: n.parent_urn,
    });
  });
  for (const node of nodes.values()) {
    const parent = node.parentUrn ? nodes.get(node.parentUrn) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
    delete (node as { parentUrn?: string }).parentUrn;
  }
  return {
    format: LIBRARY_FORMAT,
    framework: {
      key:
        fw.ref_id
          .toLowerCase()
          .replace(/[^a-z0-9.-]+/g, '-')
          .replace(/^[^a-z0-9]+/, '')
          .slice(0, 63) || 'framework',
      version: String(doc.version),
      name: fw.name,
      publisher: doc.provider ?? '',
      description: fw.description ?? doc.description ?? '',
    },
    requirements: roots,
  };
}

/**
 * Checks a library document (ours, or CISO Assistant's) and returns it flattened in tree order. Any
 * problem is a 422 whose errors name the path and the offending requirement's refId.
 */
export function parseLibrary(raw: unknown): { library: LibraryDocument; flat: FlatRequirement[] } {
  let input = raw;
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'objects' in raw && !('format' in raw)) {
    const ciso = CisoLibrary.safeParse(raw);
    if (!ciso.success) invalid(raw, ciso.error.issues);
    input = convertCiso(ciso.data);
  }
  const deep = tooDeep(
    input && typeof input === 'object' ? (input as Record<string, unknown>).requirements : null,
    'children',
  );
  if (deep !== null)
    throw errors.validation([
      {
        path: `requirements${deep}`,
        message: `Requirement trees may be at most ${MAX_DEPTH} levels deep.`,
        code: 'too_deep',
      },
    ]);
  const parsed = Library.safeParse(input);
  if (!parsed.success) invalid(input, parsed.error.issues);
  const library = parsed.data as LibraryDocument;

  const flat: FlatRequirement[] = [];
  const seen = new Map<string, string>();
  const problems: FieldError[] = [];
  const walk = (nodes: RequirementNode[], depth: number, parent: number | null, path: string) => {
    nodes.forEach((node, i) => {
      const here = `${path}.${i}`;
      const before = seen.get(node.refId);
      if (before !== undefined)
        problems.push({
          path: `${here}.refId`,
          message: `Requirement "${node.refId}": the reference id is already used at ${before}.`,
          code: 'duplicate',
        });
      else seen.set(node.refId, here);
      const index = flat.length;
      flat.push({
        refId: node.refId,
        title: node.title,
        description: node.description ?? '',
        assessable: node.assessable ?? !(node.children && node.children.length > 0),
        depth,
        parent,
      });
      if (node.children) walk(node.children, depth + 1, index, `${here}.children`);
    });
  };
  walk(library.requirements, 0, null, 'requirements');
  if (flat.length > MAX_REQUIREMENTS)
    problems.push({ path: 'requirements', message: `At most ${MAX_REQUIREMENTS} requirements.`, code: 'too_big' });
  if (problems.length > 0) throw errors.validation(problems.slice(0, 50), problems[0]!.message);
  return { library, flat };
}

/** Orders versions the way people write them: "1.10" after "1.9", "2.0" after "1.1". */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
}
