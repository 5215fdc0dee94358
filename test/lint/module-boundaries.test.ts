import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.message);
}

describe('lint: module boundaries (eslint.config.js)', () => {
  it("refuses another module's tables in a module's code, in Kysely calls and SQL alike", async () => {
    const code = [
      "export const a = 'hr.employees';",
      "export const b = 'finance.journal_lines as l';",
      'export const c = `select * from hr.employees`;',
      "export const own = 'crm.contacts';",
      "export const platform = 'platform.audit_log';",
      "export const prose = 'see hr.employees';",
    ].join('\n');
    const found = await messages('src/modules/crm/probe.repository.ts', code);
    expect(found.filter((m) => m.includes('names only its own tables'))).toHaveLength(3);
  });

  it('lets migrations and tests name any table', async () => {
    const code = "export const a = 'hr.employees';\n";
    expect(await messages('src/modules/crm/migrations/2026-01-01T0000_x.ts', code)).toEqual([]);
    expect(await messages('src/modules/crm/probe.int.test.ts', code)).toEqual([]);
  });

  it("refuses reaching into another module's files instead of its index.ts", async () => {
    const found = await messages(
      'src/modules/crm/probe.ts',
      "import { x } from '../hr/employees/employees.service.js';\nexport const y = x;\n",
    );
    expect(found.some((m) => m.includes('only through its index.ts'))).toBe(true);
  });
});
