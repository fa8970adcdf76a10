// Lint rules that keep the layering honest: only src/vscode (and the composition root) may import 'vscode'.
import tseslint from 'typescript-eslint';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'core/clients/domain/shared run in plain Node: pass what you need through an interface from src/vscode.' }],
  }],
};

// Heavy libraries load on first use (README › Architecture › Start-up and lazy loading): only their loader modules
// import them for real; everywhere else a type import is all that is allowed.
const heavy = [
  { name: '@kubernetes/client-node', message: 'client-node loads on first use: call clientNode() from src/clients/kubernetes/clientNode.ts (type imports are fine).' },
  { name: 'axios', message: 'axios loads on first use: call axiosLib() from src/clients/http/axiosLib.ts (type imports are fine).' },
  { name: 'pg', message: 'pg loads on first use: go through withPg() in src/clients/postgres/postgresClient.ts (type imports are fine).' },
];
const lazyHeavy = { 'no-restricted-imports': ['error', { paths: heavy.map((h) => ({ ...h, allowTypeImports: true })) }] };
const lazyHeavyNoVscode = {
  'no-restricted-imports': ['error', { paths: [...noVscode['no-restricted-imports'][1].paths, ...heavy.map((h) => ({ ...h, allowTypeImports: true }))] }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.sandbox/**', '.vscode-test/**', '.stryker-tmp/**', 'reports/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports: name what you export.' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  { files: ['src/**'], rules: lazyHeavy },
  { files: ['src/core/**', 'src/clients/**', 'src/domain/**', 'src/shared/**'], rules: lazyHeavyNoVscode },
  { files: ['webviews/**'], rules: noVscode },
  // The loaders themselves.
  { files: ['src/clients/kubernetes/clientNodeLib.ts', 'src/clients/postgres/pgLib.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    // Tests and tooling may poke at unknown JSON; keep the unsafe-* family as warnings there, not noise.
    files: ['test/**', 'sandbox/**', 'bench/**', 'scripts/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
