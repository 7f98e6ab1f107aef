import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestLogger, TEST_ENVIRONMENT } from '@groovy/common/testing';
import {
  Kind,
  parse,
  typeFromAST,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { parseRouterEnvironment } from '../../environment';
import { startRouter, type RunningRouter } from '../../start-router';
import { startFakeAuth, type FakeAuth } from '../../__tests__/fixtures/fake-auth';
import { postGraphQL, testRouterVariables } from '../../__tests__/fixtures/test-stack';
import { loadPersistedDocumentsManifest, sha256Hex } from '../persisted-query-manifest';

/*
 * The web's persisted documents (web/src/gql/persisted-documents.json, written by GraphQL Code
 * Generator) against the router in allow-list mode over the real supergraph. The subgraphs are not
 * running: an operation the router accepted is planned and fails only at the subgraph fetch
 * ("The auth service is unavailable right now"), which is how these tests tell "accepted" from
 * "refused" (403 FORBIDDEN, PERSISTED_QUERY_NOT_FOUND, validation or limit errors).
 */

const REPO = path.resolve(__dirname, '../../../..');
const WEB_MANIFEST = path.join(REPO, 'web/src/gql/persisted-documents.json');
const SUPERGRAPH = path.join(REPO, 'schemas/supergraph.graphql');
const CLOSED_PORT_URL = 'http://127.0.0.1:9/graphql';

const supergraphSdl = fs.readFileSync(SUPERGRAPH, 'utf8');
const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const documents = loadPersistedDocumentsManifest(WEB_MANIFEST);

/** A value the schema accepts for a variable: required input fields filled, optional ones left out. */
function sampleValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType);
  if (isListType(type)) return [sampleValue(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleValue(field.type)]),
    );
  }
  if (type.name === 'Int' || type.name === 'Float') return 1;
  if (type.name === 'Boolean') return true;
  return 'x';
}

function sampleVariables(schema: GraphQLSchema, body: string): Record<string, unknown> {
  const operation = parse(body).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return Object.fromEntries(
    (operation.variableDefinitions ?? [])
      .filter((variable) => variable.type.kind === Kind.NON_NULL_TYPE)
      .map((variable) => [
        variable.variable.name.value,
        sampleValue(typeFromAST(schema, variable.type as never) as GraphQLInputType),
      ]),
  );
}

function subgraphUrlOverrides(): Record<string, string> {
  const names = [...supergraphSdl.matchAll(/^\s*(\w+) @join__graph\(/gm)].map((m) => m[1]!);
  expect(names.length).toBeGreaterThan(0);
  return Object.fromEntries(names.map((name) => [`SUBGRAPH_${name}_URL`, CLOSED_PORT_URL]));
}

let auth: FakeAuth;
let directory: string;
const routers: RunningRouter[] = [];

async function startAllowListRouter(manifestPath: string): Promise<RunningRouter> {
  const router = await startRouter({
    environment: parseRouterEnvironment({
      ...testRouterVariables(auth, SUPERGRAPH),
      RATE_LIMIT_ENABLED: 'false',
      PERSISTED_QUERIES_ALLOWLIST_PATH: manifestPath,
      PERSISTED_QUERIES_ONLY: 'true',
      ...subgraphUrlOverrides(),
    }),
    logger: createTestLogger('router'),
  });
  routers.push(router);
  return router;
}

beforeAll(async () => {
  auth = await startFakeAuth(TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET);
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'groovy-web-manifest-'));
});

afterAll(async () => {
  await Promise.all(routers.map((router) => router.stop()));
  await auth.stop();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe("the web's persisted-documents manifest", () => {
  it('loads with every operation named (the names the router can count by)', () => {
    const names = documents.map((document) => document.operationName);
    expect(names).toEqual(expect.arrayContaining(['Search', 'SearchSuggestions', 'Login', 'Song']));
    expect(names).not.toContain(null);
    expect(new Set(names).size).toBe(names.length);
    for (const document of documents) expect(sha256Hex(document.body)).toBe(document.hash);
  });

  describe('in allow-list mode over the real supergraph', () => {
    let router: RunningRouter;
    beforeAll(async () => {
      router = await startAllowListRouter(WEB_MANIFEST);
    });

    // By the operation's type: a document may start with its fragments (CommentAdded does).
    const isSubscription = (body: string) =>
      parse(body).definitions.some(
        (d) => d.kind === Kind.OPERATION_DEFINITION && d.operation === 'subscription',
      );
    const httpDocuments = documents.filter((document) => !isSubscription(document.body));
    const subscriptionDocuments = documents.filter((document) => isSubscription(document.body));

    it.each(subscriptionDocuments.map((document) => [document.operationName, document] as const))(
      '%s (a subscription) is accepted by hash and sent to the WebSocket with a 400 over HTTP',
      async (_name, document) => {
        const { status, body } = await postGraphQL(
          router.url,
          undefined,
          sampleVariables(apiSchema, document.body),
          { extensions: { persistedQuery: { version: 1, sha256Hash: document.hash } } },
        );
        expect(status).toBe(400);
        expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
        expect(body.errors?.[0]?.message).toMatch(/WebSocket/);
      },
    );

    it.each(httpDocuments.map((document) => [document.operationName, document] as const))(
      '%s is accepted by hash alone',
      async (_name, document) => {
        const { status, body } = await postGraphQL(
          router.url,
          undefined,
          sampleVariables(apiSchema, document.body),
          { extensions: { persistedQuery: { version: 1, sha256Hash: document.hash } } },
        );
        expect(status).toBe(200);
        // Planned and sent on: the only errors are the absent subgraphs'.
        expect(body.errors?.length).toBeGreaterThan(0);
        for (const error of body.errors ?? []) {
          expect(error.message).toMatch(/service is unavailable right now/);
          expect(error.extensions?.service).toEqual(expect.any(String));
        }
      },
    );

    it('refuses an operation that is not in the manifest, by text or by hash', async () => {
      const adHoc = '{ song(id: "s1") { title } }';
      const byText = await postGraphQL(router.url, adHoc);
      expect(byText.status).toBe(403);
      expect(byText.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const byHash = await postGraphQL(router.url, undefined, undefined, {
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(adHoc) } },
      });
      expect(byHash.status).toBe(403);
      expect(byHash.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  it('a manifest entry whose hash does not match its body stops the router at start', async () => {
    const tampered = JSON.parse(fs.readFileSync(WEB_MANIFEST, 'utf8')) as Record<string, string>;
    const [hash, body] = Object.entries(tampered)[0]!;
    tampered[hash] = body.replace(/\{/, '{ __typename ');
    const tamperedPath = path.join(directory, 'tampered.json');
    fs.writeFileSync(tamperedPath, JSON.stringify(tampered));
    await expect(startAllowListRouter(tamperedPath)).rejects.toThrow(
      new RegExp(`operation ${hash} is not the SHA-256 of its query`),
    );
  });
});
