// @ts-check
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * A module's internals may only be imported from inside that module: everything else goes through its
 * index.ts. Its manifest, `<name>.module.ts`, is the one other public file (src/app/modules.ts lists it).
 */
const moduleBoundary = {
  regex: String.raw`(^|/)modules/[^/]+/(?!index\.js$|[^/]+\.module\.js$).+`,
  message: 'Import another module only through its index.ts (DESIGN.md, rule 1: boundaries).',
};
/** From a file `depth` folders below `src/modules/<name>/`, a path that climbs out of the module into another one. */
const siblingModuleBoundary = (depth) => ({
  regex: String.raw`^(\.\./){${depth + 1}}(?!\.\.)[^/]+/(?!index\.js$|[^/]+\.module\.js$).+`,
  message: 'Import another module only through its index.ts (DESIGN.md, rule 1: boundaries).',
});

/** Rules of `no-restricted-syntax` for every file. */
const restrictedSyntax = [
  { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of enum (DESIGN.md, rule 5).' },
  {
    selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
    message: 'No focused or skipped tests.',
  },
];

/**
 * Data ownership (DESIGN.md, rule 3): a module's code names only its own schema's tables. Every
 * `*.tables.ts` merges into one Kysely `Database` type, so the compiler would let `crm` query `hr.employees`;
 * this refuses a string or SQL template naming `<other module's schema>.<table>` in a module's code
 * (its migrations and tests excepted: a test may look anywhere to check an outcome). The platform's
 * tables (audit log, idempotency) are shared infrastructure and not covered.
 */
const moduleNames = readdirSync(path.join(import.meta.dirname, 'src/modules'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);
const schemaOf = (module) => module.replaceAll('-', '_');
const ownTablesOnly = (module) => {
  const others = moduleNames
    .filter((m) => m !== module)
    .map(schemaOf)
    .join('|');
  const message = `A module names only its own tables (${schemaOf(module)}.*): read another module's data through its index.ts (DESIGN.md, rule 3).`;
  return [
    { selector: `Literal[value=/^(${others})\\.[a-z_]+( as \\w+)?$/]`, message },
    { selector: `TemplateElement[value.raw=/\\b(from|join|into|update|table)\\s+(${others})\\.[a-z_]+/i]`, message },
  ];
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'coverage', '.moms', 'web/dist', 'cdk.out', 'bench/results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', ...restrictedSyntax],
      'no-restricted-imports': ['error', { patterns: [moduleBoundary] }],
    },
  },
  ...[0, 1, 2].map((depth) => ({
    files: [`src/modules/*/${'*/'.repeat(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [moduleBoundary, siblingModuleBoundary(depth)] }] },
  })),
  ...moduleNames.map((module) => ({
    files: [`src/modules/${module}/**/*.ts`],
    ignores: [
      `src/modules/${module}/migrations/**`,
      '**/*.test.ts',
      '**/*test-support.ts',
      `src/modules/${module}/test/**`,
    ],
    rules: { 'no-restricted-syntax': ['error', ...restrictedSyntax, ...ownTablesOnly(module)] },
  })),
  {
    // The web app: browser code. A module's screens import other modules only through their index.ts
    // (same rule as the backend's), and only the registry imports a module's index.ts.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', navigator: 'readonly' } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`(^|/)modules/[a-z-]+/(?!index$).+`,
              message: 'Import another module only through its index.ts (or not at all: use the registry).',
            },
          ],
        },
      ],
    },
  },
  {
    // Migrations are frozen in time: they get Kysely<any> and must never import app code.
    files: ['src/**/migrations/*.ts'],
    ignores: ['src/**/migrations/index.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: String.raw`^\.`, message: 'Migrations never import app code.' }] },
      ],
    },
  },
);
