import { z } from 'zod';

/** The data of the `platform.test-message` mail (mail.templates.ts): imported when such a mail is first rendered. */
export const testMessageData = () =>
  z.object({ requestedBy: z.string().min(1).max(200), note: z.string().max(500).optional() });
