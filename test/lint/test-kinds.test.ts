import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const folders = ['src', 'test', 'infra', 'web/src', 'web/e2e'];

function testFiles(): string[] {
  return folders.flatMap((folder) =>
    readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.test.ts') && !f.split(path.sep).includes('node_modules'))
      .map((f) => path.join(folder, f)),
  );
}

/** What only a test that uses the database (or the running app over it) has. */
const usesTheDatabase = /createTestDatabase|test\/harness\/test-db|DATABASE_URL|onPostgres|e2e\/harness|startApp/;

describe('test kinds', () => {
  it('a test that uses the database is named *.int.test.ts or *.e2e.test.ts (CI runs only those again on PostgreSQL)', () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(100);
    const misnamed = files.filter(
      (f) =>
        !f.endsWith('.int.test.ts') &&
        !f.endsWith('.e2e.test.ts') &&
        f !== path.join('test', 'lint', 'test-kinds.test.ts') &&
        usesTheDatabase.test(readFileSync(path.join(root, f), 'utf8')),
    );
    expect(misnamed).toEqual([]);
  });
});
