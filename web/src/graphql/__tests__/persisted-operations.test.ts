import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import * as generated from '@/gql/graphql';
import persistedDocuments from '@/gql/persisted-documents.json';
import { LOGIN } from '@/auth/auth.operations';
import {
  canonicalDocumentText,
  persistedDocumentHash,
  persistedOperationsLink,
} from '../persisted-operations';
import { SubscriptionLink } from '../subscription-link';
import type { Client } from 'graphql-ws';

const manifest = persistedDocuments as Record<string, string>;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every operation document codegen made (fragments are only parts of them). */
const operations = Object.entries(generated)
  .filter(([name]) => name.endsWith('Document'))
  .map(([name, document]) => [name, document as DocumentNode] as const)
  .filter(([, document]) => document.definitions.some((d) => d.kind === 'OperationDefinition'));

const isSubscriptionDocument = (document: DocumentNode) =>
  document.definitions.some(
    (d) => d.kind === 'OperationDefinition' && d.operation === 'subscription',
  );
const httpOperations = operations.filter(([, document]) => !isSubscriptionDocument(document));
const subscriptionOperations = operations.filter(([, document]) =>
  isSubscriptionDocument(document),
);

interface Sent {
  hash: string | undefined;
  includeQuery: boolean | undefined;
  text: string;
}

/** An Apollo client whose terminating link records what would go over the wire. */
function recordingClient(sent: Sent[]) {
  const recorder = new ApolloLink(
    (operation) =>
      new Observable((observer) => {
        const persisted = operation.extensions.persistedQuery as
          { sha256Hash?: string } | undefined;
        const http = operation.getContext().http as { includeQuery?: boolean } | undefined;
        sent.push({
          hash: persisted?.sha256Hash,
          includeQuery: http?.includeQuery,
          text: canonicalDocumentText(operation.query),
        });
        observer.next({ errors: [{ message: 'recorded, not run' }] });
        observer.complete();
      }),
  );
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([persistedOperationsLink(), recorder]),
  });
}

describe('persisted operations', () => {
  it('the manifest lists every generated operation under the SHA-256 of its text', () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const [, document] of operations) {
      const hash = persistedDocumentHash(document);
      expect(manifest[hash]).toBeDefined();
      expect(sha256(manifest[hash]!)).toBe(hash);
    }
    expect(Object.keys(manifest)).toHaveLength(operations.length);
  });

  it.each(httpOperations)(
    '%s goes out from Apollo Client by hash alone, and its text (for a retry) hashes to the same id',
    async (_name, document) => {
      const sent: Sent[] = [];
      const client = recordingClient(sent);
      const definition = document.definitions.find(
        (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
      )!;
      const run =
        definition.operation === 'mutation'
          ? client.mutate({ mutation: document, variables: {} })
          : client.query({ query: document, variables: {}, fetchPolicy: 'no-cache' });
      await run.catch(() => undefined);
      expect(sent).toHaveLength(1);
      const [request] = sent;
      expect(request!.includeQuery).toBe(false);
      expect(request!.hash).toBe(persistedDocumentHash(document));
      expect(manifest[request!.hash!]).toBe(request!.text);
    },
  );

  it.each(subscriptionOperations)(
    '%s goes over graphql-ws with its manifest hash and exactly the manifest text',
    async (_name, document) => {
      const payloads: { query: string; extensions?: Record<string, unknown> }[] = [];
      const fakeClient = {
        subscribe(
          payload: { query: string; extensions?: Record<string, unknown> },
          sink: { complete(): void },
        ) {
          payloads.push(payload);
          sink.complete();
          return () => undefined;
        },
        on: () => () => undefined,
      } as unknown as Client;
      const client = new ApolloClient({
        cache: new InMemoryCache(),
        link: new SubscriptionLink(fakeClient),
      });
      await new Promise<void>((resolve) =>
        client.subscribe({ query: document, variables: {} }).subscribe({
          complete: resolve,
          error: () => resolve(),
        }),
      );
      expect(payloads).toHaveLength(1);
      const hash = persistedDocumentHash(document);
      expect(payloads[0]!.extensions).toEqual({ persistedQuery: { version: 1, sha256Hash: hash } });
      expect(payloads[0]!.query).toBe(manifest[hash]);
    },
  );

  it('refuses a document codegen did not make (no hash to send)', () => {
    const handWritten = { ...LOGIN } as DocumentNode & { __meta__?: unknown };
    delete handWritten.__meta__;
    expect(() => persistedDocumentHash(handWritten)).toThrow(/graphql\(\) from @\/gql/);
  });
});
