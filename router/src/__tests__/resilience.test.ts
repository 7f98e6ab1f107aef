// The router when things change under it: a subgraph going down and coming back, and the
// supergraph file being replaced (with a good and with a broken schema).
import { once } from 'node:events';
import type { RunningSubgraph } from '@groovy/common/subgraph';
import {
  composeSupergraph,
  postGraphQL,
  startLibrary,
  startTestStack,
  writeFileAtomically,
  type TestStack,
} from './fixtures/test-stack';

let stack: TestStack;
let restartedLibrary: RunningSubgraph | undefined;

beforeAll(async () => {
  stack = await startTestStack();
});

afterAll(async () => {
  await restartedLibrary?.stop();
  await stack?.stop();
});

async function readiness() {
  const response = await fetch(`${stack.router.baseUrl}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; checks: Record<string, string> },
  };
}

describe('a subgraph that goes down', () => {
  const query = '{ user(id: "u1") { displayName } song(id: "s1") { title } }';

  it('fails only its own fields, shows in /readyz, and recovers when it is back on the same port', async () => {
    const healthy = await postGraphQL(stack.router.url, query);
    expect(healthy.body).toEqual({
      data: { user: { displayName: 'User u1' }, song: { title: 'Song 1' } },
    });
    expect((await readiness()).status).toBe(200);

    const port = stack.library.port;
    await stack.library.stop();

    const partial = await postGraphQL(stack.router.url, query);
    expect(partial.status).toBe(200);
    expect(partial.body.data).toEqual({ user: { displayName: 'User u1' }, song: null });
    expect(partial.body.errors).toHaveLength(1);
    expect(partial.body.errors![0]).toEqual({
      message: 'The library service is unavailable right now; its fields could not be fetched.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'library' },
    });

    const metrics = await (await fetch(`${stack.router.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/router_subgraph_unavailable_total\{subgraph="library"[^}]*\} 1/);

    const down = await readiness();
    expect(down.status).toBe(503);
    expect(down.body.checks).toEqual({
      supergraph: 'ok',
      'subgraph:accounts': 'ok',
      'subgraph:library': 'failing',
    });
    const health = await fetch(`${stack.router.baseUrl}/healthz`);
    expect(health.status).toBe(200);

    restartedLibrary = await startLibrary(stack.mongo, port);
    const recovered = await postGraphQL(stack.router.url, query);
    expect(recovered.body).toEqual({
      data: { user: { displayName: 'User u1' }, song: { title: 'Song 1' } },
    });
    expect((await readiness()).status).toBe(200);
  });
});

describe('the supergraph file', () => {
  it('is hot-reloaded: a field added by a new composition works without a restart', async () => {
    const before = await postGraphQL(stack.router.url, '{ catalogueSize }');
    expect(before.status).toBe(400);
    expect(before.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const updated = once(stack.router.supergraphEvents, 'updated');
    writeFileAtomically(
      stack.supergraphPath,
      composeSupergraph([stack.sources.accounts, stack.sources.library]),
    );
    await updated;

    const after = await postGraphQL(
      stack.router.url,
      '{ catalogueSize song(id: "s1") { uploader { displayName } } }',
    );
    expect(after.body).toEqual({
      data: { catalogueSize: 50, song: { uploader: { displayName: 'User u1' } } },
    });
  });

  it('refuses a broken file and keeps serving the schema it has', async () => {
    for (const broken of ['type Query {', 'type Query { hello: String }', '']) {
      const rejected = once(stack.router.supergraphEvents, 'rejected');
      writeFileAtomically(stack.supergraphPath, broken);
      await rejected;
      const still = await postGraphQL(
        stack.router.url,
        '{ catalogueSize user(id: "u2") { displayName } }',
      );
      expect(still.body).toEqual({ data: { catalogueSize: 50, user: { displayName: 'User u2' } } });
    }
    expect((await readiness()).status).toBe(200);
  });
});
