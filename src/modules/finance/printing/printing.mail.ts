import { defineMailTemplate, html } from '../../../platform/mail/templates.js';

/**
 * The mail a document or statement goes out with (registered by name in every process: the
 * manifest imports this light file). Subject and body are the administrator's texts with the
 * placeholders already filled in (or what the sender typed); the HTML part escapes them.
 */
export const documentMail = defineMailTemplate({
  name: 'finance.document-mail',
  // Imported with the first mail (the manifest imports this file at every cold start; Zod is not: docs/adr/0008).
  data: async () => (await import('./printing.mail.schemas.js')).documentMailData(),
  render: ({ subject, body }) => ({
    subject,
    text: body,
    html: html`${body
      .split(/\r?\n\s*\r?\n/)
      .map(
        (paragraph) =>
          html`<p>${paragraph.split(/\r?\n/).map((line, i) => (i === 0 ? line : html`<br />${line}`))}</p>`,
      )}`,
  }),
});
