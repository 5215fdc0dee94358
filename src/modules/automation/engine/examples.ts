import { z } from 'zod';

/** A JSON Schema as `z.toJSONSchema` writes it (the parts an example needs). */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

const FORMATS: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000001',
  'date-time': '2026-01-15T09:00:00.000Z',
  date: '2026-01-15',
  email: 'someone@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
};
/** Texts tried against a `pattern` (decimal amounts, currency codes, keys), the first that matches wins. */
const CANDIDATES = ['25000.00', '25000', 'EUR', 'example', 'example-1', 'A1'];

/** A plain text field's example from its name (amounts are decimal strings, dates ISO). */
function byName(key: string): string {
  if (/amount|price|total|value/i.test(key)) return '25000.00';
  if (/currency/i.test(key)) return 'EUR';
  if (/^(from|to|date|start|end)$|Date$|At$/i.test(key)) return '2026-01-15';
  if (/email/i.test(key)) return 'someone@example.com';
  if (/name|title|subject/i.test(key)) return 'Example';
  return 'example';
}

/** A made-up value matching a JSON Schema, for a test run's sample (not a validator: a starting point). */
export function exampleFromJsonSchema(schema: JsonSchema | undefined, depth = 0, key = ''): unknown {
  if (!schema || depth > 8) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const union = schema.anyOf ?? schema.oneOf;
  if (union) {
    const first = union.find((s) => s.type !== 'null') ?? union[0];
    return exampleFromJsonSchema(first, depth + 1);
  }
  if (schema.allOf?.length) return exampleFromJsonSchema(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleFromJsonSchema(v, depth + 1, k)]),
      );
    case 'array':
      return [exampleFromJsonSchema(schema.items, depth + 1)];
    case 'string': {
      if (schema.format && FORMATS[schema.format]) return FORMATS[schema.format];
      if (schema.pattern) {
        const re = new RegExp(schema.pattern);
        return CANDIDATES.find((c) => re.test(c)) ?? '';
      }
      return byName(key);
    }
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return null;
  }
}

/** An example payload of an event type's Zod schema, or null when it cannot be described. */
export function examplePayload(payload: z.ZodType): unknown {
  try {
    return exampleFromJsonSchema(z.toJSONSchema(payload, { unrepresentable: 'any', io: 'output' }) as JsonSchema);
  } catch {
    return null;
  }
}
