import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSigningKey } from './signing-key.js';

describe('the local signing key', () => {
  it('is generated once into the data dir (mode 0600) and reused', async () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'moms-key-')), '.moms');
    const first = await loadSigningKey({ dataDir: dir });
    const second = await loadSigningKey({ dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(statSync(path.join(dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    const other = await loadSigningKey({ dataDir: path.join(dir, 'elsewhere') });
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  });

  it('refuses a short explicit key', async () => {
    await expect(loadSigningKey({ secret: 'short' })).rejects.toThrow(/at least 32/);
  });
});
