import { z } from 'zod';

/** The data of the `strategy.check-in-due` mail (strategy.mail.ts): imported when such a mail is first rendered. */
export const checkInDueData = () =>
  z.object({
    recipientName: z.string().min(1).max(200),
    keyResults: z
      .array(
        z.object({
          cycle: z.string().min(1).max(200),
          objective: z.string().min(1).max(300),
          keyResult: z.string().min(1).max(300),
          lastCheckIn: z.iso.date().nullable(),
        }),
      )
      .min(1)
      .max(500),
  });
