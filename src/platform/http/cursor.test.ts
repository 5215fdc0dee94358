import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { openCursor, sealCursor, useCursorSecret } from './cursor.js';

const secret = (text: string) => async () => new TextEncoder().encode(text);

describe('signed page cursors', () => {
  it('opens what it sealed', async () => {
    useCursorSecret(secret('a-secret-that-is-long-enough-0123456789'));
    const cursor = await sealCursor({ s: '-date', v: '2026-11-30', id: 'x' });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(await openCursor(cursor)).toEqual({ s: '-date', v: '2026-11-30', id: 'x' });
  });

  it('refuses a cursor that was altered, forged, malformed, or signed with another secret', async () => {
    useCursorSecret(secret('a-secret-that-is-long-enough-0123456789'));
    const cursor = await sealCursor({ v: 1 });
    const [payload, tag] = cursor.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 'garbage' })).toString('base64url');
    for (const bad of [
      `${forged}.${tag}`,
      forged,
      `${payload}.${tag}.x`,
      `${payload}.${tag!.slice(0, -2)}`,
      '',
      'garbage',
      '.',
      `${Buffer.from('[1]').toString('base64url')}.${tag}`,
    ]) {
      await expect(openCursor(bad), bad).rejects.toSatisfy((e) => e instanceof AppError && e.status === 400);
    }
    useCursorSecret(secret('another-secret-that-is-long-enough-987654'));
    await expect(openCursor(cursor)).rejects.toMatchObject({
      status: 400,
      detail: 'The cursor is not valid; use the nextCursor of the previous page.',
    });
  });

  it('the same secret in another process (a new key source) accepts the cursor', async () => {
    useCursorSecret(secret('shared-secret-that-is-long-enough-000000'));
    const cursor = await sealCursor({ id: '1' });
    useCursorSecret(secret('shared-secret-that-is-long-enough-000000'));
    expect(await openCursor(cursor)).toEqual({ id: '1' });
  });
});
