import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { addTypenameSelectionDocumentTransform } from '@graphql-codegen/client-preset';
import { publicApiSchemaSdl } from './codegen/public-api-schema';

/**
 * GraphQL Code Generator (client preset): typed documents for every `graphql(…)` call in src/, and
 * src/gql/persisted-documents.json — sha256 (hex) of each operation's text → text — which the web
 * sends by hash (extensions.persistedQuery.sha256Hash) and the router loads as its allow-list
 * (PERSISTED_QUERIES_ALLOWLIST_PATH). `npm run codegen` writes it; src/__tests__/codegen-up-to-date
 * fails when the committed output is stale.
 */
/** The generated folder: gql.ts, graphql.ts, index.ts and persisted-documents.json. */
const GENERATED_DIR = path.join(__dirname, 'src/gql');

const config: CodegenConfig = {
  schema: publicApiSchemaSdl(),
  documents: [
    path.join(__dirname, 'src/**/*.{ts,tsx}'),
    `!${path.join(__dirname, 'src/gql/**')}`,
    `!${path.join(__dirname, 'src/**/__tests__/**')}`,
  ],
  ignoreNoDocuments: false,
  generates: {
    [GENERATED_DIR + '/']: {
      preset: 'client',
      presetConfig: {
        // Plain fragment types: components receive the fields they render, no useFragment unmasking.
        fragmentMasking: false,
        persistedDocuments: {
          // Hex without the `sha256:` prefix: the APQ hash Apollo's persisted-query link sends.
          hashAlgorithm: (operation: string) =>
            createHash('sha256').update(operation).digest('hex'),
        },
      },
      // Apollo Client adds __typename to every selection before sending; so does the manifest.
      documentTransforms: [addTypenameSelectionDocumentTransform],
      config: {
        scalars: { DateTime: 'string', Date: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
        skipTypename: true,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      },
    },
  },
};

export default config;
