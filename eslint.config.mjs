// One ESLint flat config for the whole monorepo; every package's `lint` script runs `eslint .`
// from its folder and ESLint finds this file by walking up.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/.next/**', '**/node_modules/**', '**/coverage/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      // Only a service's environment.ts (and tooling/scripts) may read process.env.
      'no-process-env': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Plain CommonJS files: jest configs, the jest preset, test fixtures.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      '**/environment.ts',
      '**/__tests__/**',
      '**/testkit/**',
      '**/*.test.ts',
      '**/bench/**',
      'scripts/**',
      'tooling/**',
      '**/*.config.*',
    ],
    rules: { 'no-process-env': 'off' },
  },
);
