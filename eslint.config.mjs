// Boundaries between server modules and between mini-program packages, plus the two type rules
// the style guide asks for. Module and subpackage folders are read at load time, so a new one is
// covered without editing this file.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = dirname(fileURLToPath(import.meta.url));
const folders = path =>
  readdirSync(join(root, path), { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .map(entry => entry.name);

const escape = name => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** A module file may reach another module only through that module's services (`../<other>/<name>.service`). */
const serverModules = folders('server/src/modules').map(name => ({
  files: [`server/src/modules/${name}/**/*.ts`],
  rules: restrict({
    regex: `^\\.\\./(?!${escape(name)}/)[^./][^/]*/(?![^/]+\\.service$)`,
    message: 'Another module is reached only through its service (../<module>/<name>.service) and contract types; its model, rules, DTOs and seeds are its own.',
  }),
}));

/** A subpackage may not import another subpackage: what two share belongs to the main package. */
const subpackages = folders('src/packages').map(name => ({
  files: [`src/packages/${name}/**/*.{ts,tsx}`],
  rules: restrict({
    regex: `^@/packages/(?!${escape(name)}/)`,
    message: 'A subpackage may not import another subpackage; move what both need to components/, hooks/, services/ or utils/.',
  }),
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'server/db/**', 'coverage/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      // tsc's noUnusedLocals/noUnusedParameters decide; `_`-named rest siblings drop fields on purpose.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters are matched on purpose where file names and texts are cleaned.
      'no-control-regex': 'off',
      // Full-width spaces separate names from numbers in JSX text.
      'no-irregular-whitespace': ['error', { skipJSXText: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    // Tests load modules afresh (jest.isolateModules) with require().
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...serverModules,
  {
    files: ['server/src/core/**/*.ts'],
    rules: restrict({
      regex: '(^|/)modules(/|$)',
      message: 'core is shared infrastructure and imports no module; move what it needs into core or contract.',
    }),
  },
  {
    files: ['server/src/contract/**/*.ts'],
    rules: restrict({
      regex: '^(?!\\./)',
      message: 'contract is shared with the mini-program and imports nothing but other contract files.',
    }),
  },
  {
    files: [
      'src/pages/**/*.{ts,tsx}',
      'src/services/**/*.{ts,tsx}',
      'src/components/**/*.{ts,tsx}',
      'src/hooks/**/*.{ts,tsx}',
      'src/utils/**/*.{ts,tsx}',
      'src/constants/**/*.{ts,tsx}',
      'src/app.ts',
      'src/storage.ts',
    ],
    rules: restrict({
      regex: '^(@/|(\\.\\.?/)+)packages/',
      message: 'The main package may not import a subpackage (it would load with the main package); move the shared part to components/, hooks/, services/ or utils/.',
    }),
  },
  ...subpackages,
);
