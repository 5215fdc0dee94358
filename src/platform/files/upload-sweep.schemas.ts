import { z } from 'zod';
import { ABANDONED_UPLOAD_HOURS } from './upload-sweep.js';

/** The payload of `platform.files.sweep-uploads` (upload-sweep.ts): imported when such a job is first enqueued or run. */
export const uploadSweepPayload = () =>
  z.object({
    abandonedAfterHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(ABANDONED_UPLOAD_HOURS),
    /** Uploads per batch (each batch is one short transaction). */
    batch: z.number().int().min(1).max(10_000).default(500),
  });
export type UploadSweepPayload = z.output<ReturnType<typeof uploadSweepPayload>>;
