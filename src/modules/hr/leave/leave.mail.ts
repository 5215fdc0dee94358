import { defineMailTemplate, html } from '../../../platform/mail/templates.js';

/**
 * Leave's mail (registered by name in every process: the HR manifest imports this light file). The
 * approver hears of a request as it is submitted, so it does not wait unseen.
 */
export const leaveApprovalRequested = defineMailTemplate({
  name: 'hr.leave-approval-requested',
  // Imported with the first mail (the manifest imports this file at every cold start; Zod is not: docs/adr/0008).
  data: async () => (await import('./leave.mail.schemas.js')).leaveApprovalRequestedData(),
  render: ({ approverName, employeeName, leaveType, startDate, endDate, days, asHr }) => {
    const when = startDate === endDate ? startDate : `${startDate} to ${endDate}`;
    const why = asHr
      ? `Nobody in ${employeeName}'s management line can approve it in MOMS, so it comes to HR.`
      : `You are the first manager in ${employeeName}'s line who can approve it.`;
    return {
      subject: `Leave to approve: ${employeeName}, ${when}`,
      text: [
        `Hello ${approverName},`,
        '',
        `${employeeName} asks for ${leaveType}: ${when} (${days} days).`,
        why,
        '',
        'Decide it in MOMS under HR → Approvals.',
      ].join('\n'),
      html: html`<p>Hello ${approverName},</p>
        <p>${employeeName} asks for ${leaveType}: ${when} (${days} days).</p>
        <p>${why}</p>
        <p>Decide it in MOMS under HR → Approvals.</p>`,
    };
  },
});
