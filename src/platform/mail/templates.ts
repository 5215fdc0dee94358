import type { z } from 'zod';
import { lazySchema, type SchemaSource } from '../modules/lazy.js';

/** HTML that is safe to insert as is: built by `html\`…\`` (which escapes every interpolated value). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

type HtmlValue = SafeHtml | string | number | null | undefined | readonly HtmlValue[];

function interpolate(value: HtmlValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(interpolate).join('');
  return escapeHtml(String(value as string | number));
}

/**
 * The one way a template writes HTML: every `${value}` is escaped (a name like `<script>` shows as
 * text), except values that are themselves `html\`…\`` (nesting) or arrays of them.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += interpolate(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: SafeHtml;
}

/** A mail template: a name, the schema of its data, and a pure function of that data. */
export interface MailTemplate<S extends z.ZodType = z.ZodType> {
  /** `<module>.<what>`, e.g. `auth.password-reset`: stored in the send job's payload. */
  name: string;
  /**
   * The data's schema, built (or imported) on the first call and kept (the template's file is imported by
   * every function at a cold start; the schema only when a mail is sent or rendered: docs/adr/0008).
   */
  data: SchemaSource<S>;
  render: (data: z.output<S>) => RenderedMail;
}

/** The registered templates by name, each with the declaration it was defined from (one per name). */
const registry = new Map<string, { declared: object; template: MailTemplate }>();

/**
 * Declares a template (in a light file the module's manifest imports, so that every process, the
 * worker included, knows it by name). The data's schema is a function, called once on first use
 * (memoized); one that imports the file that builds it keeps Zod off the cold start:
 *
 *     export const passwordReset = defineMailTemplate({
 *       name: 'auth.password-reset',
 *       data: async () => (await import('./auth.mail.schemas.js')).passwordResetData(),
 *       render: ({ name }) => ({ subject: 'Your password was reset', text: `Hello ${name} …`, html: html`<p>Hello ${name} …</p>` }),
 *     });
 */
export function defineMailTemplate<S extends z.ZodType>(declared: MailTemplate<S>): MailTemplate<S> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(declared.name))
    throw new Error(`Mail template "${declared.name}" is not <module>.<name> in kebab-case`);
  const existing = registry.get(declared.name);
  if (existing && existing.declared !== declared) throw new Error(`Mail template ${declared.name} is declared twice`);
  if (existing) return existing.template as unknown as MailTemplate<S>;
  const template: MailTemplate<S> = { ...declared, data: lazySchema(declared.data) };
  registry.set(declared.name, { declared, template: template as unknown as MailTemplate });
  return template;
}

export function mailTemplate(name: string): MailTemplate | undefined {
  return registry.get(name)?.template;
}

/** Every registered template (src/app/manifest-schemas.test.ts builds each one's schema). */
export function mailTemplates(): MailTemplate[] {
  return [...registry.values()].map((entry) => entry.template);
}

/** Renders a registered template with data checked by its schema (a clear error otherwise). */
export async function renderTemplate(name: string, data: unknown): Promise<RenderedMail> {
  const template = registry.get(name)?.template;
  if (!template) throw new Error(`No mail template ${name} in this installation`);
  const parsed = (await template.data()).safeParse(data);
  if (!parsed.success)
    throw new Error(
      `The data of mail template ${name} is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const rendered = template.render(parsed.data);
  if (/[\r\n]/.test(rendered.subject)) throw new Error(`Mail template ${name} rendered a subject with a line break`);
  return rendered;
}
