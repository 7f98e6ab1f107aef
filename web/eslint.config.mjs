// web/ override: the monorepo's flat config plus Next.js' rules (core web vitals, React hooks, jsx-a11y).
import rootConfig from '../eslint.config.mjs';
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';

const config = [
  ...rootConfig,
  ...nextCoreWebVitals,
  {
    // src/gql: GraphQL Code Generator output (npm run codegen).
    ignores: ['.next/**', 'next-env.d.ts', 'node_modules/**', 'src/gql/**'],
  },
  {
    settings: { next: { rootDir: '.' } },
  },
  {
    // Documents are written with graphql() from '@/gql' and typed by codegen, never by hand
    // (src/__tests__/no-hand-written-documents.test.ts checks the same in npm test).
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@apollo/client',
              importNames: ['gql', 'TypedDocumentNode'],
              message: "Write the document with graphql() from '@/gql' (npm run codegen types it).",
            },
            {
              name: '@graphql-typed-document-node/core',
              importNames: ['TypedDocumentNode'],
              message: "Write the document with graphql() from '@/gql' (npm run codegen types it).",
            },
            { name: 'graphql-tag', message: "Write the document with graphql() from '@/gql'." },
          ],
        },
      ],
    },
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
