/**
 * The texts an administrator edits (header, footer, payment terms, email subject and body): plain
 * text with `{{placeholder}}`s from a fixed list, filled in with plain values. Nothing is evaluated:
 * an unknown placeholder is refused when the text is saved, and a value is text wherever it lands
 * (the PDF draws it as text, the email's HTML part escapes it).
 */

export const DOCUMENT_PLACEHOLDERS = [
  'companyName',
  'partyName',
  'documentType',
  'documentNumber',
  'documentDate',
  'dueDate',
  'total',
  'amountDue',
  'currency',
  'paymentReference',
  'iban',
  'bic',
] as const;
export const STATEMENT_PLACEHOLDERS = [
  'companyName',
  'partyName',
  'periodFrom',
  'periodTo',
  'closingBalance',
  'currency',
] as const;

export type DocumentPlaceholder = (typeof DOCUMENT_PLACEHOLDERS)[number];
export type StatementPlaceholder = (typeof STATEMENT_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholders in `text` that are not in `allowed` (empty when the text is fine). */
export function unknownPlaceholders(text: string, allowed: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) if (!allowed.includes(match[1]!)) unknown.add(match[1]!);
  return [...unknown];
}

/** `text` with every known placeholder replaced by its value (an unknown one is left as written). */
export function fillTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(values, name) ? values[name]! : whole));
}

/** Used when the administrator left a text empty. */
export const DEFAULT_TEXTS = {
  headerText: '',
  footerText: '{{companyName}}',
  paymentText: 'Please pay {{amountDue}} {{currency}} by {{dueDate}}, quoting the reference {{paymentReference}}.',
  emailSubject: '{{documentType}} {{documentNumber}} from {{companyName}}',
  emailBody:
    'Dear {{partyName}},\n\nplease find attached {{documentType}} {{documentNumber}} of {{documentDate}} for {{total}} {{currency}}.\n\nKind regards,\n{{companyName}}',
  statementEmailSubject: 'Statement of account {{periodFrom}} – {{periodTo}} from {{companyName}}',
  statementEmailBody:
    'Dear {{partyName}},\n\nplease find attached your statement of account from {{periodFrom}} to {{periodTo}}. The balance is {{closingBalance}} {{currency}}.\n\nKind regards,\n{{companyName}}',
} as const;
