// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** A module's internals may only be imported from inside that module: everything else goes through its index.ts. */
const moduleBoundary = {
  regex: String.raw`(^|/)modules/[^/]+/(?!index\.js$).+`,
  message: 'Import another module only through its index.ts (DESIGN.md, rule 1: boundaries).',
};
/** From a file `depth` folders below `src/modules/<name>/`, a path that climbs out of the module into another one. */
const siblingModuleBoundary = (depth) => ({
  regex: String.raw`^(\.\./){${depth + 1}}(?!\.\.)[^/]+/(?!index\.js$).+`,
  message: 'Import another module only through its index.ts (DESIGN.md, rule 1: boundaries).',
});

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
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use a string-literal union instead of enum (DESIGN.md, rule 5).' },
        {
          selector: 'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
      'no-restricted-imports': ['error', { patterns: [moduleBoundary] }],
    },
  },
  ...[0, 1, 2].map((depth) => ({
    files: [`src/modules/*/${'*/'.repeat(depth)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [moduleBoundary, siblingModuleBoundary(depth)] }] },
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
