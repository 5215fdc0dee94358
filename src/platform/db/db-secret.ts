import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';

/** The JSON shape of an RDS/Aurora generated secret. */
const RdsSecret = z.object({
  host: z.string(),
  port: z.coerce.number().int().default(5432),
  username: z.string(),
  password: z.string(),
  dbname: z.string().default('moms'),
});

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

/** Reads a Secrets Manager secret's string once per container (per ARN), and keeps it. */
export function getSecretString(arn: string): Promise<string> {
  let pending = cache.get(arn);
  if (!pending) {
    client ??= new SecretsManagerClient({});
    pending = client.send(new GetSecretValueCommand({ SecretId: arn })).then((out) => {
      if (!out.SecretString) throw new Error(`Secret ${arn} has no SecretString`);
      return out.SecretString;
    });
    pending.catch(() => cache.delete(arn)); // a failed read is retried by the next invocation
    cache.set(arn, pending);
  }
  return pending;
}

/** Builds a PostgreSQL connection string from the database secret (TLS, verified: on Lambda set NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem for the RDS CA). */
export async function databaseUrlFromSecret(arn: string): Promise<string> {
  const secret = RdsSecret.parse(JSON.parse(await getSecretString(arn)));
  const user = encodeURIComponent(secret.username);
  const password = encodeURIComponent(secret.password);
  return `postgres://${user}:${password}@${secret.host}:${secret.port}/${encodeURIComponent(secret.dbname)}?sslmode=verify-full`;
}

/** For tests: forget cached secrets and use the given client. */
export function resetSecretCache(next?: SecretsManagerClient): void {
  cache.clear();
  client = next;
}
