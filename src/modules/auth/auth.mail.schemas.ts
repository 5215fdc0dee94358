import { z } from 'zod';

/** The data of `auth.password-reset` (auth.mail.ts): imported when such a mail is first sent or rendered. */
export const passwordResetData = () =>
  z.object({ name: z.string().min(1).max(200), resetBy: z.string().min(1).max(254), at: z.iso.datetime() });
