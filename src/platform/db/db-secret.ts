import { z } from 'zod';
import { getSecretString } from '../aws/secrets.js';

/** The JSON shape of an RDS/Aurora generated secret. */
const RdsSecret = z.object({
  host: z.string(),
  port: z.coerce.number().int().default(5432),
  username: z.string(),
  password: z.string(),
  dbname: z.string().default('moms'),
});

/**
 * Builds a PostgreSQL connection string from the database secret. TLS is verified: on Lambda,
 * NODE_EXTRA_CA_CERTS=/var/runtime/ca-cert.pem holds the RDS certificate authorities.
 */
export async function databaseUrlFromSecret(arn: string): Promise<string> {
  const secret = RdsSecret.parse(JSON.parse(await getSecretString(arn)));
  const user = encodeURIComponent(secret.username);
  const password = encodeURIComponent(secret.password);
  return `postgres://${user}:${password}@${secret.host}:${secret.port}/${encodeURIComponent(secret.dbname)}?sslmode=verify-full`;
}
