import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { AccessTokens } from './access-token.js';
import { authenticate } from './authenticate.js';
import { toAuthorizerContext } from './authorizer-context.js';
import { createTokenRevocation } from './token-revocation.js';

const tokens = new AccessTokens(new TextEncoder().encode('a-signing-key-for-this-test-only-0123456789'), 900);
const db = { isTransaction: false } as unknown as Db;
const userId = '3f1c2a9e-8a4b-4c55-9d1e-0a1b2c3d4e5f';
const cutoffs = {
  users: new Map<string, number>(),
  roles: new Map<string, number>(),
  sessions: new Map<string, number>(),
};
const revocation = createTokenRevocation({ cacheSeconds: 0, maxTokenAgeSeconds: 900, load: async () => cutoffs });
const base = { getAccessTokens: async () => tokens, db, revocation };

describe('authenticate: the authorizer’s verdict or the bearer token, then revocation', () => {
  it('no credentials and no authorizer: nothing to say', async () => {
    expect(await authenticate({ ...base, authorizerContext: undefined, authorization: undefined })).toBeUndefined();
  });

  it('verifies a bearer token itself, with its session, and refuses it once revoked (as expired)', async () => {
    const { token } = await tokens.sign({
      userId,
      email: 'a@example.com',
      roles: [],
      permissions: [],
      sessionId: 's1',
    });
    const input = { ...base, authorizerContext: undefined, authorization: `Bearer ${token}` };
    expect(await authenticate(input)).toEqual({
      actor: { userId, email: 'a@example.com', roles: [], permissions: [], sessionId: 's1' },
    });
    cutoffs.users.set(userId, Date.now());
    expect(await authenticate(input)).toEqual({ rejection: 'expired' });
    cutoffs.users.clear();
  });

  it('checks the authorizer’s verdict the same way', async () => {
    const { token } = await tokens.sign({ userId, email: 'a@example.com', roles: ['clerk'], permissions: [] });
    const context = toAuthorizerContext(await tokens.verify(token)) as Record<string, unknown>;
    const input = { ...base, authorizerContext: context, authorization: undefined };
    expect(await authenticate(input)).toMatchObject({ actor: { userId, roles: ['clerk'] } });
    cutoffs.roles.set('clerk', Date.now());
    expect(await authenticate(input)).toEqual({ rejection: 'expired' });
    expect(await authenticate({ ...input, revocation: undefined })).toMatchObject({ actor: { userId } });
    cutoffs.roles.clear();
  });

  it('passes a bad token’s reason on', async () => {
    expect(await authenticate({ ...base, authorizerContext: undefined, authorization: 'Bearer not.a.jwt' })).toEqual({
      rejection: 'malformed',
    });
  });
});
