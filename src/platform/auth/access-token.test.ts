import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessTokens, TokenError } from './access-token.js';

const key = new TextEncoder().encode('a-signing-key-for-this-test-only-0123456789');
const actor = {
  userId: '3f1c2a9e-8a4b-4c55-9d1e-0a1b2c3d4e5f',
  email: 'a@example.com',
  roles: ['r'],
  permissions: ['p:x'],
};
const reason = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (error: unknown) => (error instanceof TokenError ? error.reason : String(error)),
  );

afterEach(() => vi.useRealTimers());

describe('access tokens', () => {
  it('verify what they signed; a verified token answers again from memory, frozen, until it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-05T10:00:00Z'));
    const tokens = new AccessTokens(key, 60);
    const { token } = await tokens.sign(actor);
    const first = await tokens.verify(token);
    expect(first).toMatchObject({ userId: actor.userId, roles: ['r'], permissions: ['p:x'] });
    expect(await tokens.verify(token)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.permissions)).toBe(true);
    vi.setSystemTime(new Date('2026-12-05T10:01:00Z'));
    expect(await reason(tokens.verify(token))).toBe('expired');
    expect(await reason(tokens.verify(token))).toBe('expired');
  });

  it('a token changed by one character is refused, even after the original was verified', async () => {
    const tokens = new AccessTokens(key, 60);
    const { token } = await tokens.sign(actor);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    forged.perms = ['*'];
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    expect(await reason(tokens.verify(tampered))).toBe('invalid');
    const other = new AccessTokens(new TextEncoder().encode('another-key-another-key-another-key-0123'), 60);
    expect(await reason(other.verify(token))).toBe('invalid');
  });
});
