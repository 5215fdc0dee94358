import { describe, expect, it } from 'vitest';
import type { Db } from '../db/database.js';
import { createTokenRevocation, noteTokenCutoff, type TokenCutoffs } from './token-revocation.js';

/** A fake database: only its identity matters (the cache is per database). */
const fakeDb = () => ({ isTransaction: false }) as unknown as Db;

function setup(options: { cacheSeconds?: number } = {}) {
  let clock = 1_800_000_000_000;
  const stored = {
    users: new Map<string, number>(),
    roles: new Map<string, number>(),
    sessions: new Map<string, number>(),
  };
  const loads: Date[] = [];
  const revocation = createTokenRevocation({
    cacheSeconds: options.cacheSeconds ?? 5,
    maxTokenAgeSeconds: 900,
    now: () => clock,
    load: async (_db, since): Promise<TokenCutoffs> => {
      loads.push(since);
      const after = (m: Map<string, number>) => new Map([...m].filter(([, at]) => at > since.getTime()));
      return { users: after(stored.users), roles: after(stored.roles), sessions: after(stored.sessions) };
    },
  });
  const token = (issuedAtMs: number, roles: string[] = ['employee'], userId = 'u1', sessionId?: string) => ({
    userId,
    roles,
    sessionId,
    issuedAt: issuedAtMs / 1000,
    expiresAt: Math.floor(issuedAtMs / 1000) + 900,
  });
  return {
    revocation,
    stored,
    loads,
    token,
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('access-token revocation (ADR 0010)', () => {
  it('refuses tokens issued at or before the user’s cutoff, accepts later ones', async () => {
    const t = setup();
    const db = fakeDb();
    const before = t.now() - 10_000;
    t.stored.users.set('u1', t.now() - 5_000);
    expect(await t.revocation.isRevoked(db, t.token(before))).toBe(true);
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 5_000))).toBe(true); // the same millisecond
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 4_999))).toBe(false);
    expect(await t.revocation.isRevoked(db, t.token(before, ['employee'], 'u2'))).toBe(false);
  });

  it('refuses tokens carrying a role whose permissions changed after they were issued', async () => {
    const t = setup();
    const db = fakeDb();
    t.stored.roles.set('clerk', t.now() - 1_000);
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 2_000, ['employee', 'clerk']))).toBe(true);
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 2_000, ['employee']))).toBe(false);
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 500, ['clerk']))).toBe(false);
  });

  it('refuses the tokens of a signed-out session, and only those', async () => {
    const t = setup();
    const db = fakeDb();
    const issued = t.now() - 2_000;
    t.stored.sessions.set('s1', t.now() - 1_000);
    expect(await t.revocation.isRevoked(db, t.token(issued, ['employee'], 'u1', 's1'))).toBe(true);
    expect(await t.revocation.isRevoked(db, t.token(issued, ['employee'], 'u1', 's2'))).toBe(false);
    expect(await t.revocation.isRevoked(db, t.token(issued, ['employee'], 'u1'))).toBe(false);
    // A session noted by this process applies before any reload.
    noteTokenCutoff(db, { sessionId: 's2' }, t.now());
    expect(await t.revocation.isRevoked(db, t.token(issued, ['employee'], 'u1', 's2'))).toBe(true);
  });

  it('loads once per cache period whatever the traffic, and only the last token lifetime', async () => {
    const t = setup({ cacheSeconds: 5 });
    const db = fakeDb();
    await Promise.all(Array.from({ length: 20 }, () => t.revocation.isRevoked(db, t.token(t.now() - 1_000))));
    for (let i = 0; i < 10; i++) {
      t.advance(400);
      await t.revocation.isRevoked(db, t.token(t.now() - 1_000));
    }
    expect(t.loads).toHaveLength(1);
    expect(t.loads[0]!.getTime()).toBe(t.now() - 4_000 - (900 + 60) * 1000);
    t.advance(1_000);
    await t.revocation.isRevoked(db, t.token(t.now() - 1_000));
    expect(t.loads).toHaveLength(2);
  });

  it('a revocation made in another process applies once the cache period is over', async () => {
    const t = setup({ cacheSeconds: 5 });
    const db = fakeDb();
    const issued = t.now() - 60_000;
    expect(await t.revocation.isRevoked(db, t.token(issued))).toBe(false);
    t.stored.users.set('u1', t.now()); // written by another Lambda container
    t.advance(4_000);
    expect(await t.revocation.isRevoked(db, t.token(issued))).toBe(false); // still cached
    t.advance(1_000);
    expect(await t.revocation.isRevoked(db, t.token(issued))).toBe(true);
  });

  it('a revocation noted by this process applies at once, and a reload that has not seen it yet keeps it', async () => {
    const t = setup({ cacheSeconds: 60 });
    const db = fakeDb();
    const issued = t.now() - 60_000;
    expect(await t.revocation.isRevoked(db, t.token(issued))).toBe(false);
    noteTokenCutoff(db, { userId: 'u1' }, t.now());
    expect(await t.revocation.isRevoked(db, t.token(issued))).toBe(true);
    // A reload whose query ran before the cutoff committed does not forget it.
    t.advance(61_000);
    expect(await t.revocation.isRevoked(db, t.token(issued + 30_000))).toBe(true);
    expect(t.loads).toHaveLength(2);
    noteTokenCutoff(db, { role: 'employee' }, t.now());
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 1, ['employee'], 'u9'))).toBe(true);
  });

  it('keeps each database apart', async () => {
    const t = setup();
    const [a, b] = [fakeDb(), fakeDb()];
    await t.revocation.isRevoked(a, t.token(t.now() - 1_000));
    noteTokenCutoff(a, { userId: 'u1' }, t.now());
    expect(await t.revocation.isRevoked(a, t.token(t.now() - 1_000))).toBe(true);
    expect(await t.revocation.isRevoked(b, t.token(t.now() - 1_000))).toBe(false);
  });

  it('refuses a token older than any this configuration issues, and estimates a missing iat from exp', async () => {
    const t = setup();
    const db = fakeDb();
    expect(await t.revocation.isRevoked(db, t.token(t.now() - 3_600_000))).toBe(true);
    t.stored.users.set('u1', t.now() - 1_000);
    const expiresAt = Math.floor(t.now() / 1000) + 600; // issued about 300 s ago, before the cutoff
    expect(await t.revocation.isRevoked(db, { userId: 'u1', roles: [], issuedAt: undefined, expiresAt })).toBe(true);
    expect(await t.revocation.isRevoked(db, { userId: 'u2', roles: [], issuedAt: undefined, expiresAt })).toBe(false);
  });

  it('with no cache (0 s) it reads the cutoffs on every check', async () => {
    const t = setup({ cacheSeconds: 0 });
    const db = fakeDb();
    await t.revocation.isRevoked(db, t.token(t.now() - 1_000));
    t.advance(1);
    await t.revocation.isRevoked(db, t.token(t.now() - 1_000));
    expect(t.loads).toHaveLength(2);
  });
});
