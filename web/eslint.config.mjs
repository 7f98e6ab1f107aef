// web/ override: the monorepo's flat config plus Next.js' rules (core web vitals, React hooks, jsx-a11y).
import rootConfig from '../eslint.config.mjs';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';

const config = [
  ...rootConfig,
  ...nextCoreWebVitals,
  {
    ignores: ['.next/**', 'next-env.d.ts', 'node_modules/**'],
  },
  {
    settings: { next: { rootDir: '.' } },
  },
  {
    // CommonJS config files (jest.config.js) run in Node.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

export default config;
