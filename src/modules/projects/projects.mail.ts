import { defineMailTemplate, html } from '../../platform/mail/templates.js';

/**
 * The Projects module's mail (registered by name in every process: the manifest imports this light
 * file). A member mentioned in a task comment hears of it, so a question does not wait unseen.
 */
export const taskMention = defineMailTemplate({
  name: 'projects.task-mention',
  // Imported with the first mail (the manifest imports this file at every cold start; Zod is not: docs/adr/0008).
  data: async () => (await import('./projects.mail.schemas.js')).taskMentionData(),
  render: ({ recipientName, authorName, taskKey, taskTitle, projectName, excerpt }) => ({
    subject: `${authorName} mentioned you on ${taskKey} ${taskTitle}`,
    text: [
      `Hello ${recipientName},`,
      '',
      `${authorName} mentioned you in a comment on ${taskKey} ${taskTitle} (${projectName}):`,
      '',
      excerpt,
      '',
      'Reply in MOMS under Projects, on the task.',
    ].join('\n'),
    html: html`<p>Hello ${recipientName},</p>
      <p>${authorName} mentioned you in a comment on ${taskKey} ${taskTitle} (${projectName}):</p>
      <blockquote>${excerpt}</blockquote>
      <p>Reply in MOMS under Projects, on the task.</p>`,
  }),
});
