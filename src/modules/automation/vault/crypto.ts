import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { getSecretString } from '../../../platform/aws/secrets.js';
import { loadSigningKey } from '../../../platform/auth/signing-key.js';
import { loadConfig } from '../../../platform/config/config.js';

/**
 * The vault's key (docs/adr/0020): AES-256-GCM, derived (HKDF-SHA-256, info `moms automation vault
 * v1`) from one secret, taken from the first of:
 * 1. `AUTOMATION_VAULT_KEY` (at least 32 characters; operators who manage it themselves, tests);
 * 2. `AUTOMATION_VAULT_KEY_ARN`: a Secrets Manager secret (plain string, or JSON `{ "key": "…" }`),
 *    the way on AWS — the containerizedApi function and the worker both need read access to it;
 * 3. the deployment's token-signing secret (`JWT_SECRET`, `JWT_SECRET_ARN`, or locally
 *    `<MOMS_DATA_DIR>/secrets.json`), as page cursors and two-factor secrets derive their keys.
 * The API process installs its own source (`useVaultSecret`, from the module services); the worker
 * reads the configuration. Changing the secret makes stored credentials unreadable (enter them again).
 */
let source: (() => Promise<Uint8Array>) | undefined;
let key: Promise<Buffer> | undefined;

/** Installs where the secret comes from (the routes do, with the app's signing key; tests may). */
export function useVaultSecret(next: (() => Promise<Uint8Array>) | undefined): void {
  source = next;
  key = undefined;
}

async function configuredSecret(): Promise<Uint8Array> {
  const env = process.env;
  const own = env.AUTOMATION_VAULT_KEY;
  if (own) {
    if (own.length < 32) throw new Error('AUTOMATION_VAULT_KEY must be at least 32 characters');
    return new TextEncoder().encode(own);
  }
  if (env.AUTOMATION_VAULT_KEY_ARN) {
    const raw = await getSecretString(env.AUTOMATION_VAULT_KEY_ARN);
    const value = raw.trim().startsWith('{') ? (JSON.parse(raw) as { key?: string }).key : raw;
    if (!value || value.length < 32) throw new Error('The vault key secret must hold at least 32 characters');
    return new TextEncoder().encode(value);
  }
  const config = loadConfig(env);
  return loadSigningKey({ secret: config.JWT_SECRET, secretArn: config.JWT_SECRET_ARN, dataDir: config.dataDir });
}

function vaultKey(): Promise<Buffer> {
  if (!key) {
    const explicit = process.env.AUTOMATION_VAULT_KEY || process.env.AUTOMATION_VAULT_KEY_ARN;
    const loading = (explicit || !source ? configuredSecret() : source()).then((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'moms', 'moms automation vault v1', 32)),
    );
    loading.catch(() => {
      if (key === loading) key = undefined;
    });
    key = loading;
  }
  return key;
}

const VERSION = 'v1';

/** `v1.<iv>.<ciphertext>.<tag>` (base64url); `aad` (the record's id) binds it to its row. */
export async function seal(aad: string, plain: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await vaultKey(), iv);
  cipher.setAAD(Buffer.from(aad));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** The plain text, or throws when the ciphertext was not made by this key for this record. */
export async function open(aad: string, stored: string): Promise<string> {
  const [version, iv, ciphertext, tag, ...rest] = stored.split('.');
  if (version !== VERSION || !iv || !ciphertext || !tag || rest.length > 0) throw new Error('Unknown secret format');
  const decipher = createDecipheriv('aes-256-gcm', await vaultKey(), Buffer.from(iv, 'base64url'), {
    authTagLength: 16,
  });
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
