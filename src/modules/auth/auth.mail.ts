import { defineMailTemplate, html } from '../../platform/mail/templates.js';

/**
 * Auth's mail templates (registered by name in every process: the manifest imports this light file).
 * The temporary password is never mailed: the administrator hands it over; the mail only tells the
 * user, so that a reset they did not expect does not go unnoticed.
 */
export const passwordResetNotice = defineMailTemplate({
  name: 'auth.password-reset',
  // Imported with the first mail (the manifest imports this file at every cold start; Zod is not: docs/adr/0008).
  data: async () => (await import('./auth.mail.schemas.js')).passwordResetData(),
  render: ({ name, resetBy, at }) => {
    const when = `${at.slice(0, 16).replace('T', ' ')} UTC`;
    return {
      subject: 'Your MOMS password was reset',
      text: [
        `Hello ${name},`,
        '',
        `${resetBy} reset your MOMS password on ${when} and signed you out everywhere.`,
        'Ask them for your temporary password; you will choose a new one when you sign in.',
        '',
        'If you did not expect this, tell your administrator at once.',
      ].join('\n'),
      html: html`<p>Hello ${name},</p>
        <p>
          ${resetBy} reset your MOMS password on ${when} and signed you out everywhere. Ask them for your temporary
          password; you will choose a new one when you sign in.
        </p>
        <p>If you did not expect this, tell your administrator at once.</p>`,
    };
  },
});
