import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getSecretString } from '../aws/secrets.js';

export interface SigningKeySource {
  /** Used as is (tests, operators who manage the key themselves). */
  secret?: string | undefined;
  /** On AWS: a Secrets Manager secret holding the key (plain string, or JSON `{ "key": "..." }`). */
  secretArn?: string | undefined;
  /** Locally: the key is generated once into `<dataDir>/secrets.json`. */
  dataDir?: string | undefined;
}

/** Loads the HS256 signing key for access tokens (at least 256 bits). */
export async function loadSigningKey(source: SigningKeySource): Promise<Uint8Array> {
  if (source.secret) return toKey(source.secret);
  if (source.secretArn) {
    const raw = await getSecretString(source.secretArn);
    const value = raw.trim().startsWith('{') ? (JSON.parse(raw) as { key?: string }).key : raw;
    if (!value) throw new Error('The JWT signing secret has no "key"');
    return toKey(value);
  }
  if (!source.dataDir) throw new Error('No JWT signing key configured (JWT_SECRET, JWT_SECRET_ARN or a data dir)');
  return toKey(localSecrets(source.dataDir).jwtSecret);
}

function toKey(value: string): Uint8Array {
  if (value.length < 32) throw new Error('The JWT signing key must be at least 32 characters');
  return new TextEncoder().encode(value);
}

interface LocalSecrets {
  jwtSecret: string;
}

/** `<dataDir>/secrets.json`, created with fresh random values on first use (mode 0600). */
export function localSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: LocalSecrets = { jwtSecret: randomBytes(48).toString('base64url') };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secrets;
}
