import { describe, expect, it } from 'vitest';
import { z } from '@hono/zod-openapi';
import { pageSchema } from './pagination.js';
import { responseCheckFromEnv, shapeResponse } from './response-shape.js';

/** Like CRM's contact: formats, nullable fields, arrays, a nested object, OpenAPI metadata. */
const Contact = z
  .object({
    id: z.uuid(),
    firstName: z.string(),
    lastName: z.string(),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    title: z.string().nullable(),
    organizationId: z.uuid().nullable(),
    organizationName: z.string().nullable().openapi({ description: 'name' }),
    ownerId: z.uuid(),
    ownerName: z.string().nullable(),
    tags: z.array(z.string()),
    marketing: z.object({
      optedIn: z.boolean(),
      consentedAt: z.iso.datetime().nullable(),
      source: z.string().nullable(),
    }),
    leadId: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi('TestContact');
const ContactPage = pageSchema(Contact);

const contact = (i: number) => ({
  id: `0b4e7a0e-5717-4c6b-9a3e-0000000000${String(i).padStart(2, '0')}`,
  firstName: 'Ada',
  lastName: 'Lovelace',
  emails: ['ada@example.com'],
  phones: [],
  title: i % 2 ? null : 'Engineer',
  organizationId: null,
  organizationName: null,
  ownerId: '0b4e7a0e-5717-4c6b-9a3e-00000000ffff',
  ownerName: 'Owner',
  tags: ['vip'],
  marketing: { optedIn: false, consentedAt: null, source: null, secret: 'not declared' },
  leadId: null,
  version: 1,
  createdAt: '2026-12-05T10:00:00.000Z',
  updatedAt: '2026-12-05T10:00:00.000Z',
  password_hash: 'never leaves',
});

describe('shapeResponse', () => {
  it('gives what a parse gives for a valid answer, undeclared fields dropped', () => {
    const body = { items: [contact(1), contact(2)], nextCursor: null, extra: 1 };
    const shaped = shapeResponse(ContactPage, body);
    expect(JSON.stringify(shaped)).toBe(JSON.stringify(ContactPage.parse(body)));
    expect(JSON.stringify(shaped)).not.toContain('never leaves');
    expect(JSON.stringify(shaped)).not.toContain('not declared');
  });

  it('falls back to the full parse (and its error) when a value has the wrong type or a required key is missing', () => {
    const wrongType = { items: [{ ...contact(1), version: '1' }], nextCursor: null };
    expect(() => shapeResponse(ContactPage, wrongType)).toThrow();
    const { lastName: _l, ...missing } = contact(1);
    expect(() => shapeResponse(ContactPage, { items: [missing], nextCursor: null })).toThrow();
    // An object where a string belongs is never passed on as it is.
    expect(() =>
      shapeResponse(ContactPage, { items: [{ ...contact(1), firstName: { a: 1 } }], nextCursor: null }),
    ).toThrow();
  });

  it('leaves to Zod what only Zod does exactly: unions, defaults, transforms, rewriting checks, strict objects', () => {
    const schema = z.object({
      kind: z.union([z.object({ a: z.string() }), z.object({ b: z.number() })]),
      count: z.number().default(3),
      name: z.string().trim(),
      upper: z.string().transform((s) => s.toUpperCase()),
      strict: z.strictObject({ x: z.number() }).optional(),
      optional: z.string().optional(),
      map: z.record(z.string(), z.object({ v: z.number() })),
    });
    const body = { kind: { a: 'x', extra: 1 }, name: '  padded ', upper: 'up', map: { k: { v: 1, w: 2 } } };
    expect(shapeResponse(schema, body)).toEqual(schema.parse(body));
    expect(() => shapeResponse(schema, { ...body, strict: { x: 1, y: 2 } })).toThrow();
  });

  it('cuts recursive schemas (trees)', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const Node: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(Node);
      },
    });
    const body = { name: 'a', secret: 1, children: [{ name: 'b', secret: 2, children: [] }] };
    expect(shapeResponse(Node, body)).toEqual(Node.parse(body));
    expect(JSON.stringify(shapeResponse(Node, body))).not.toContain('secret');
  });

  it('gives the parse’s JSON for exact answers and for extra keys, another key order or class instances', () => {
    const exact = () => {
      const { password_hash: _hash, marketing, ...rest } = contact(3);
      const { secret: _secret, ...declared } = marketing;
      // The schema's key order, as a DTO mapper writes it.
      return Object.fromEntries(
        Object.keys(Contact.shape).map((key) => [key, key === 'marketing' ? declared : rest[key as keyof typeof rest]]),
      );
    };
    const { firstName, ...rest } = exact();
    const variants = [
      exact(),
      { ...exact(), extra: 1 },
      { firstName, ...rest },
      Object.assign(new (class Row {})(), exact()),
    ];
    for (const variant of variants) {
      const page = { items: [exact(), variant], nextCursor: null };
      const out = shapeResponse(ContactPage, page);
      expect(JSON.stringify(out)).toBe(JSON.stringify(ContactPage.parse(page)));
      expect(Object.keys(out.items[1]!)).toEqual(Object.keys(Contact.shape));
    }
  });

  it('keeps optional fields’ places, leaves absent ones out, and copes with awkward keys', () => {
    const schema = z.object({
      a: z.string(),
      b: z.number().optional(),
      '0': z.boolean(),
      'we"ird\\key': z.string().nullable(),
      constructor: z.string(),
      list: z.array(z.object({ x: z.number(), y: z.string().optional() })),
    });
    for (const body of [
      { a: 'x', b: 1, 0: true, 'we"ird\\key': null, constructor: 'c', list: [{ x: 1 }, { x: 2, y: 'z', no: 1 }] },
      { constructor: 'c', list: [], 'we"ird\\key': 'k', 0: false, a: 'x', extra: { deep: 1 } },
    ]) {
      expect(JSON.stringify(shapeResponse(schema, body))).toBe(JSON.stringify(schema.parse(body)));
    }
    expect(() =>
      shapeResponse(schema, { a: 'x', 0: true, 'we"ird\\key': null, constructor: 'c', list: [{ x: '1' }] }),
    ).toThrow();

    const proto = z.object({ ['__proto__']: z.string(), ok: z.number() });
    const body = JSON.parse('{"__proto__":"p","ok":1,"x":2}') as unknown;
    expect(JSON.stringify(shapeResponse(proto, body))).toBe(JSON.stringify(proto.parse(body)));
  });

  it('is `verify` under vitest, `full` in development, `shape` in production, as MOMS_RESPONSE_CHECK says', () => {
    expect(responseCheckFromEnv({ VITEST: 'true' })).toBe('verify');
    expect(responseCheckFromEnv({ NODE_ENV: 'development' })).toBe('full');
    expect(responseCheckFromEnv({})).toBe('shape');
    expect(responseCheckFromEnv({ NODE_ENV: 'production' })).toBe('shape');
    expect(responseCheckFromEnv({ VITEST: 'true', MOMS_RESPONSE_CHECK: 'shape' })).toBe('shape');
    expect(responseCheckFromEnv({ MOMS_RESPONSE_CHECK: 'full' })).toBe('full');
  });
});
