/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Where to run CREATE/DROP DATABASE: the `postgres` maintenance database of the same server. */
export function adminUrl(url: string): string {
  return withDatabase(url, 'postgres');
}
