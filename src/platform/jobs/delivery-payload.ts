import { z } from 'zod';

/** The payload of the platform's event-delivery job (work-registry.ts): loaded with the first delivery. */
export const deliveryPayload = () => z.object({ eventId: z.uuid(), subscriber: z.string().min(1) });
