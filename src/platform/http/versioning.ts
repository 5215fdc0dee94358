import { z } from '@hono/zod-openapi';
import { errors } from '../errors/app-error.js';

/** Every update body carries the version the client last saw. */
export const versionField = z.number().int().min(1).openapi({ description: 'The version you last read' });

/**
 * Optimistic concurrency: call with the row read `for update` in the same transaction; a stale
 * version is a 409 that says what changed, never a silent overwrite.
 */
export function assertVersion(entity: string, current: { version: number }, expected: number): void {
  if (current.version !== expected) throw errors.versionConflict(entity, expected, current.version);
}
