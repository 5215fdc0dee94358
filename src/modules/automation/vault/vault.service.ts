import { randomBytes } from 'node:crypto';
import { writeAudit } from '../../../platform/audit/audit-writer.js';
import type { Db, Tx } from '../../../platform/db/database.js';
import { inTransaction } from '../../../platform/db/transaction.js';
import { errors } from '../../../platform/errors/app-error.js';
import type { RequestContext } from '../../../platform/http/app-env.js';
import { assertVersion } from '../../../platform/http/versioning.js';
import { open, seal } from './crypto.js';
import { CredentialSecret, type CredentialSecretValue } from './vault.schemas.js';
import type { CredentialType } from './vault.tables.js';
import './vault.tables.js';

const ENTITY = 'automation.credential';

export interface CredentialDto {
  id: string;
  name: string;
  type: CredentialType;
  hint: string;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  type: CredentialType;
  hint: string;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const toDto = (r: Row): CredentialDto => ({
  id: r.id,
  name: r.name,
  type: r.type,
  hint: r.hint,
  version: r.version,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

const PUBLIC_COLUMNS = ['id', 'name', 'type', 'hint', 'version', 'created_by', 'created_at', 'updated_at'] as const;

/** The last four characters of a long secret; nothing of a short one. */
const mask = (s: string) => (s.length >= 16 ? `••••${s.slice(-4)}` : '••••');

export function hintOf(secret: CredentialSecretValue & { secret?: string }): string {
  switch (secret.type) {
    case 'bearer':
      return `Bearer ${mask(secret.token)}`;
    case 'basic':
      return `${secret.username}:••••`;
    case 'header':
      return `${secret.header}: ${mask(secret.value)}`;
    case 'hmac':
      return `whsec_${mask(secret.secret ?? '')}`;
  }
}

/** A new Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

type SecretInput = { type: CredentialType } & Record<string, unknown>;

/** The stored (encrypted) part; an HMAC credential without a secret gets a generated one. */
function secretOf(body: SecretInput): { value: CredentialSecretValue; generated: string | undefined } {
  const { name: _n, version: _v, ...rest } = body;
  const value = CredentialSecret.parse(rest);
  if (value.type === 'hmac' && !value.secret) {
    const secret = newWebhookSecret();
    return { value: { type: 'hmac', secret }, generated: secret };
  }
  return { value, generated: undefined };
}

function nameTaken(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

export async function createCredential(
  db: Db,
  ctx: RequestContext,
  body: SecretInput & { name: string },
): Promise<CredentialDto & { secret?: string }> {
  const { value, generated } = secretOf(body);
  try {
    return await inTransaction(db, async (trx) => {
      const id = crypto.randomUUID();
      const row = await trx
        .insertInto('automation.credentials')
        .values({
          id,
          name: body.name,
          type: value.type,
          secret_encrypted: await seal(id, JSON.stringify(value)),
          hint: hintOf(value),
          created_by: ctx.actor?.userId ?? null,
          updated_by: ctx.actor?.userId ?? null,
        })
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'credential.created',
        entityType: ENTITY,
        entityId: id,
        after: { name: row.name, type: row.type, hint: row.hint },
      });
      return { ...toDto(row), ...(generated ? { secret: generated } : {}) };
    });
  } catch (error) {
    if (nameTaken(error)) throw errors.conflict(`A credential named ${body.name} exists already.`);
    throw error;
  }
}

export async function listCredentials(db: Db): Promise<{ items: CredentialDto[] }> {
  const rows = await db
    .selectFrom('automation.credentials')
    .select(PUBLIC_COLUMNS)
    .orderBy('name')
    .limit(1000)
    .execute();
  return { items: rows.map(toDto) };
}

export async function getCredential(db: Db, id: string): Promise<CredentialDto> {
  const row = await db
    .selectFrom('automation.credentials')
    .select(PUBLIC_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw errors.notFound('Credential', id);
  return toDto(row);
}

/** Rotation: the secret is replaced as a whole (its type stays). */
export async function replaceCredential(
  db: Db,
  ctx: RequestContext,
  id: string,
  body: SecretInput & { version: number; name?: string | undefined },
): Promise<CredentialDto & { secret?: string }> {
  const { value, generated } = secretOf(body);
  try {
    return await inTransaction(db, async (trx) => {
      const before = await trx
        .selectFrom('automation.credentials')
        .select(PUBLIC_COLUMNS)
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw errors.notFound('Credential', id);
      assertVersion('Credential', before, body.version);
      if (before.type !== value.type)
        throw errors.validation([
          {
            path: 'type',
            message: `This credential is a ${before.type} credential; create a new one for another type.`,
            code: 'invalid',
          },
        ]);
      const after = await trx
        .updateTable('automation.credentials')
        .set({
          ...(body.name ? { name: body.name } : {}),
          secret_encrypted: await seal(id, JSON.stringify(value)),
          hint: hintOf(value),
          updated_by: ctx.actor?.userId ?? null,
          updated_at: new Date(),
          version: before.version + 1,
        })
        .where('id', '=', id)
        .returning(PUBLIC_COLUMNS)
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'credential.rotated',
        entityType: ENTITY,
        entityId: id,
        before: { name: before.name, hint: before.hint },
        after: { name: after.name, hint: after.hint },
      });
      return { ...toDto(after), ...(generated ? { secret: generated } : {}) };
    });
  } catch (error) {
    if (nameTaken(error)) throw errors.conflict(`A credential named ${body.name} exists already.`);
    throw error;
  }
}

export async function deleteCredential(db: Db, ctx: RequestContext, id: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('automation.credentials')
      .select(PUBLIC_COLUMNS)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw errors.notFound('Credential', id);
    const used = await trx
      .selectFrom('automation.webhook_endpoints')
      .select('id')
      .where('credential_id', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (used)
      throw errors.conflict(`Webhook endpoint ${used.id} signs with this credential; change or delete it first.`);
    await trx.deleteFrom('automation.credentials').where('id', '=', id).execute();
    await writeAudit(trx, ctx, {
      action: 'credential.deleted',
      entityType: ENTITY,
      entityId: id,
      before: { name: before.name, type: before.type, hint: before.hint },
    });
  });
}

/** A stored secret that this deployment's vault key does not open (the key was changed or the row copied). */
export class CredentialUnreadable extends Error {
  constructor(id: string) {
    super(`The credential ${id} cannot be decrypted with this deployment's vault key; enter its secret again.`);
    this.name = 'CredentialUnreadable';
  }
}

/** For the HTTP step and the webhooks (never for the API): a credential with its secret, or null. */
export async function loadCredential(
  db: Db | Tx,
  id: string,
): Promise<{ id: string; name: string; secret: CredentialSecretValue } | null> {
  const row = await db
    .selectFrom('automation.credentials')
    .select(['id', 'name', 'secret_encrypted'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  let secret: CredentialSecretValue;
  try {
    secret = CredentialSecret.parse(JSON.parse(await open(row.id, row.secret_encrypted)));
  } catch {
    throw new CredentialUnreadable(row.id);
  }
  return { id: row.id, name: row.name, secret };
}

/** The strings of a secret that must never be stored in a run's data. */
export function secretStrings(secret: CredentialSecretValue): string[] {
  switch (secret.type) {
    case 'bearer':
      return [secret.token];
    case 'basic':
      return [secret.password, Buffer.from(`${secret.username}:${secret.password}`).toString('base64')];
    case 'header':
      return [secret.value];
    case 'hmac':
      return secret.secret ? [secret.secret, secret.secret.slice('whsec_'.length)] : [];
  }
}
