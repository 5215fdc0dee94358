import { defineMailTemplate, html } from './templates.js';

/**
 * The platform's own mail templates. `platform.test-message` lets an administrator check that mail
 * leaves (SES configured, or the local outbox) with `POST /api/v1/mail/test`.
 */
export const testMessage = defineMailTemplate({
  name: 'platform.test-message',
  // Imported with the first mail (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  data: async () => (await import('./mail.templates.schemas.js')).testMessageData(),
  render: ({ requestedBy, note }) => ({
    subject: `MOMS test message from ${requestedBy}`,
    text: [
      `This is a test message from MOMS, sent at the request of ${requestedBy}.`,
      ...(note ? ['', note] : []),
      '',
      'If you can read this, outbound mail works.',
    ].join('\n'),
    html: html`<p>This is a test message from MOMS, sent at the request of <strong>${requestedBy}</strong>.</p>
      ${note ? html`<p>${note}</p>` : ''}
      <p>If you can read this, outbound mail works.</p>`,
  }),
});
