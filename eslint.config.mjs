import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Repositories are the only door to the database (see CONTRIBUTING.md): outside them, the stations'
 * read model and src/database, no file may import the driver layer, the DataSource or TypeORM's
 * query tools. Types may be imported anywhere (a type cannot reach the database).
 */
const DATABASE_DOOR = {
  paths: [
    { name: '@nestjs/typeorm', message: 'Only repositories (*.repository.ts) inject the DataSource.', allowTypeImports: true },
    {
      name: 'typeorm',
      importNames: ['DataSource', 'EntityManager', 'Repository', 'QueryRunner', 'SelectQueryBuilder', 'In', 'Not', 'IsNull', 'Like', 'Raw', 'MoreThan', 'LessThan', 'Between'],
      message: 'Queries belong in a repository (*.repository.ts); services call its methods.',
      allowTypeImports: true,
    },
  ],
  patterns: [
    {
      group: ['**/database/prepared.js', '**/database/transactions.js', '**/database/conditional-update.js', '**/database/bulk-insert.js'],
      message: 'The driver layer: only repositories (*.repository.ts), the stations\' read model and src/database use it.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'openapi/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/*.repository.ts',
      'src/**/read-model/**',
      'src/database/**',
      'src/**/*.spec.ts',
      // The root of the module graph: the data source itself, and the demo seed on first start.
      'src/app.module.ts',
      'src/main.ts',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', DATABASE_DOOR] },
  },
);
