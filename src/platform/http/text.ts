import type { FieldError } from '../errors/app-error.js';

/**
 * Text the database cannot store, found once for every route: PostgreSQL refuses U+0000 in `text`
 * and in `jsonb`, and an unpaired UTF-16 surrogate (`"\ud800"` is valid JSON) cannot be encoded as
 * UTF-8, so the driver would silently turn it into U+FFFD. Either is refused with a 422 naming the
 * field rather than stripped or replaced: the caller learns what is wrong, and no text is changed
 * behind its back. Other control characters round-trip unchanged and are left to each field's rules.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): FieldError['message'] | undefined {
  if (text.includes('\u0000')) return 'Text may not contain the NUL character (U+0000).';
  if (UNPAIRED_SURROGATE.test(text))
    return 'Text may not contain an unpaired UTF-16 surrogate (a lone \\uD800–\\uDFFF); send well-formed Unicode.';
  return undefined;
}

/**
 * Every string (and object key) in a validated input that the database cannot store, with its path
 * (at most 20). Walks with its own stack, and builds a path only for what it reports, so neither the
 * depth nor the size of an input can make it overflow or crawl.
 */
export function unstorableText(input: unknown): FieldError[] {
  interface Node {
    value: unknown;
    key?: string;
    parent?: Node;
  }
  const pathOf = (node: Node, last?: string) => {
    const keys = last === undefined ? [] : [last];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) keys.push(n.key);
    return keys.reverse().join('.');
  };
  const found: FieldError[] = [];
  const stack: Node[] = [{ value: input }];
  while (stack.length > 0 && found.length < 20) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const message = problemOf(value);
      if (message) found.push({ path: pathOf(node), message, code: 'invalid_text' });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: String(i), parent: node });
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value).reverse()) {
        const message = problemOf(key);
        if (message) found.push({ path: pathOf(node, printable(key)), message, code: 'invalid_text' });
        else stack.push({ value: item, key, parent: node });
      }
    }
  }
  return found;
}

/** A key as it can be shown in an error: what cannot be stored becomes U+FFFD. */
const printable = (key: string) =>
  key.replaceAll('\u0000', '\uFFFD').replace(new RegExp(UNPAIRED_SURROGATE.source, 'g'), '\uFFFD');
