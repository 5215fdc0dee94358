/**
 * A small XML writer: elements in the order given (UBL's schemas are sequences), text and attribute
 * values escaped, characters XML 1.0 cannot carry dropped. Absent children (`null`, `undefined`,
 * `false`) are skipped, so optional elements read inline.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string | null;
}

type Child = XmlElement | null | undefined | false | '';

/** An element with children. */
export function el(name: string, children: Child[], attrs: Record<string, string> = {}): XmlElement {
  return { name, attrs, children: children.filter((c): c is XmlElement => !!c), text: null };
}

/** An element holding text. */
export function leaf(name: string, text: string, attrs: Record<string, string> = {}): XmlElement {
  return { name, attrs, children: [], text };
}

/** A text element, or nothing when the text is empty. */
export function optionalLeaf(name: string, text: string | null | undefined, attrs: Record<string, string> = {}) {
  return text ? leaf(name, text, attrs) : null;
}

// XML 1.0 allows tab, LF, CR and the ranges below; anything else (other C0 controls, lone surrogates,
// U+FFFE/U+FFFF) would make the document malformed.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeText(value: string): string {
  return value.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(value: string): string {
  return escapeText(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  if (node.text !== null) {
    out.push(`${pad}<${node.name}${attrs}>${escapeText(node.text)}</${node.name}>`);
  } else if (node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) write(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

/** The document, with the XML declaration, indented, UTF-8. */
export function toXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
