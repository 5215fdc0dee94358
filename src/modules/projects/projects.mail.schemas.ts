import { z } from 'zod';

/** The data of `projects.task-mention` (projects.mail.ts): imported when the mail is first sent or rendered. */
export const taskMentionData = () =>
  z.object({
    recipientName: z.string().min(1).max(200),
    authorName: z.string().min(1).max(200),
    taskKey: z.string().min(1).max(50),
    taskTitle: z.string().min(1).max(300),
    projectName: z.string().min(1).max(200),
    excerpt: z.string().max(500),
  });
