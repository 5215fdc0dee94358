import { defineMailTemplate, html } from '../../platform/mail/templates.js';

/**
 * Strategy's mail (registered by name in every process: the manifest imports this light file). An
 * owner hears once a week which of their key results wait for a check-in.
 */
export const checkInDue = defineMailTemplate({
  name: 'strategy.check-in-due',
  // Imported with the first mail (the manifest is imported at every cold start; Zod is not: docs/adr/0008).
  data: async () => (await import('./strategy.mail.schemas.js')).checkInDueData(),
  render: ({ recipientName, keyResults }) => {
    const n = keyResults.length;
    const since = (d: string | null) => (d ? `last check-in ${d}` : 'no check-in yet');
    return {
      subject: n === 1 ? `Check-in due: ${keyResults[0]!.keyResult}` : `Check-ins due: ${n} key results`,
      text: [
        `Hello ${recipientName},`,
        '',
        `${n === 1 ? 'This key result waits' : 'These key results wait'} for your check-in (confidence and a comment):`,
        '',
        ...keyResults.map((k) => `- ${k.keyResult} (${k.objective}, ${k.cycle}; ${since(k.lastCheckIn)})`),
        '',
        'Check in under Strategy in MOMS, on the objective.',
      ].join('\n'),
      html: html`<p>Hello ${recipientName},</p>
        <p>
          ${n === 1 ? 'This key result waits' : 'These key results wait'} for your check-in (confidence and a comment):
        </p>
        <ul>
          ${keyResults.map((k) => html`<li>${k.keyResult} (${k.objective}, ${k.cycle}; ${since(k.lastCheckIn)})</li>`)}
        </ul>
        <p>Check in under Strategy in MOMS, on the objective.</p>`,
    };
  },
});
