import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let client: SecretsManagerClient | undefined;
const cache = new Map<string, Promise<string>>();

/**
 * The SDK is imported on first use, not at start-up: a function that never reads a secret does not
 * pay for loading it on its cold start.
 */
async function send(arn: string): Promise<string | undefined> {
  const { GetSecretValueCommand, SecretsManagerClient } = await import('@aws-sdk/client-secrets-manager');
  client ??= new SecretsManagerClient({});
  const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  return out.SecretString;
}

/** Reads a Secrets Manager secret's string once per container (per ARN), and keeps it. */
export function getSecretString(arn: string): Promise<string> {
  let pending = cache.get(arn);
  if (!pending) {
    pending = send(arn).then((value) => {
      if (!value) throw new Error(`Secret ${arn} has no SecretString`);
      return value;
    });
    pending.catch(() => cache.delete(arn)); // a failed read is retried by the next invocation
    cache.set(arn, pending);
  }
  return pending;
}

/** For tests: forget cached secrets and use the given client. */
export function resetSecretCache(next?: SecretsManagerClient): void {
  cache.clear();
  client = next;
}
