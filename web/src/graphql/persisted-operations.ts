import { HttpLink } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';

/*
 * The web sends its operations as persisted documents: `extensions.persistedQuery.sha256Hash` (the
 * APQ form the router reads) carrying the hash GraphQL Code Generator gave the document in
 * src/gql/persisted-documents.json. A router whose allow-list holds that manifest runs it from the
 * hash alone; a router without it answers PERSISTED_QUERY_NOT_FOUND once, and the retry's text is the
 * manifest's canonical text (so its SHA-256 is the same hash and APQ registers it).
 */

/** A document made by `graphql()` from `@/gql`: typed by its result and variables. */
export type GeneratedDocument<
  TData = unknown,
  TVariables = Record<string, unknown>,
> = DocumentNode & DocumentTypeDecoration<TData, TVariables>;

type WithPersistedHash = DocumentNode & { __meta__?: { hash?: unknown } };

/** The manifest hash codegen embedded in a document made by `graphql()` from `@/gql`. */
export function persistedDocumentHash(document: DocumentNode): string {
  const hash = (document as WithPersistedHash).__meta__?.hash;
  if (typeof hash !== 'string') {
    const name = document.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value;
    throw new Error(
      `Operation ${name ?? '(anonymous)'} has no persisted-document hash: write it with graphql() from @/gql and run npm run codegen`,
    );
  }
  return hash;
}

/** The text the manifest holds for a document (sorted, one line): what codegen hashed. */
export function canonicalDocumentText(document: DocumentNode): string {
  return printExecutableGraphQLDocument(document);
}

/** Sends the hash first; on PERSISTED_QUERY_NOT_FOUND, the hash with the canonical text. */
export function persistedOperationsLink(): PersistedQueryLink {
  return new PersistedQueryLink({ generateHash: persistedDocumentHash });
}

/** An HttpLink that prints documents as the manifest does, so the retry's text matches its hash. */
export function routerHttpLink(options: HttpLink.Options): HttpLink {
  return new HttpLink({
    ...options,
    print: (node, originalPrint) =>
      node.kind === 'Document' ? canonicalDocumentText(node) : originalPrint(node),
  });
}
