import { z } from 'zod';

/** The data of `finance.document-mail` (printing.mail.ts): imported when the mail is first sent or rendered. */
export const documentMailData = () =>
  z.object({
    subject: z.string().min(1).max(200),
    body: z.string().max(4000),
  });
