import { SignJWT } from 'jose';
import { TEST_JWT_SECRET } from './test-app.js';

const key = new TextEncoder().encode(TEST_JWT_SECRET);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Tokens an attacker (or a clock) could present. */
export const badTokens = {
  async expired(userId: string) {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ email: 'x@example.com', roles: ['admin'], perms: ['*'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('moms')
      .setAudience('moms-api')
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(key);
  },
  /** A real token whose payload was edited to grant `*`; the signature no longer matches. */
  tampered(token: string) {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    return `${header}.${b64({ ...claims, perms: ['*'], roles: ['admin'] })}.${signature}`;
  },
  /** The classic `alg: none` token: no signature at all. */
  algNone(userId: string) {
    const now = Math.floor(Date.now() / 1000);
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      sub: userId,
      email: 'x@example.com',
      roles: ['admin'],
      perms: ['*'],
      iss: 'moms',
      aud: 'moms-api',
      iat: now,
      exp: now + 600,
    })}.`;
  },
  /** Signed with a key that is not ours. */
  async foreignKey(userId: string) {
    return new SignJWT({ email: 'x@example.com', roles: ['admin'], perms: ['*'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('moms')
      .setAudience('moms-api')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('another-key-that-is-also-long-enough-012345'));
  },
};
