import net from 'node:net';
import { PassThrough } from 'node:stream';
import type { Connection } from 'mongoose';
import { IDENTITY_HEADER, signIdentityToken } from '../../identity';
import { createEvent, eventBusEnvironmentShape, type EventEnvelope } from '../../events';
import { createLogger } from '../../logging';
import { TEST_ENVIRONMENT } from '../../testing';
import { startTestMongo, startTestSubgraph, waitUntil, type TestMongo } from '../../testing';
import { z } from 'zod';
import { requiresRouterIdentity } from '../router-identity';
import type { RunningSubgraph } from '../start-subgraph';
import type { SubgraphDescription, SubgraphModule } from '../subgraph-description';
import { buildNotesSchema, Gate } from './fixtures/notes-subgraph';

interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown>; path?: unknown[] }>;
}

async function post(
  url: string,
  query: string,
  variables?: object,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse,
  };
}

describe('startSubgraph', () => {
  let mongo: TestMongo;
  let subgraph: RunningSubgraph;
  let gate: Gate;
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    mongo = await startTestMongo();
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logLines.push(JSON.parse(line));
    });
    gate = new Gate();
    subgraph = await startTestSubgraph(mongo, {
      name: 'notes',
      logger: createLogger({ service: 'notes', level: 'info', destination: logStream }),
      schema: ({ connection }) => buildNotesSchema(connection, gate),
    });
  });

  afterAll(async () => {
    await subgraph?.stop();
    await mongo?.stop();
  });

  it('serves type-graphql resolvers over its own Mongo database', async () => {
    const added = await post(
      subgraph.url,
      'mutation Add($t: String!) { addNote(text: $t) { id text createdAt } }',
      {
        t: 'first note',
      },
    );
    expect(added.body.errors).toBeUndefined();
    const note = added.body.data!.addNote as { id: string; text: string; createdAt: string };
    expect(note.text).toBe('first note');
    expect(new Date(note.createdAt).toISOString()).toBe(note.createdAt);

    const listed = await post(subgraph.url, '{ notes { id text } }');
    expect(listed.body.data!.notes).toEqual([{ id: note.id, text: 'first note' }]);
    const stored = await subgraph.connection.collection('notes').countDocuments();
    expect(stored).toBe(1);
  });

  it('is a federation-2 subgraph: publishes its SDL and resolves entity references', async () => {
    const sdl = await post(subgraph.url, '{ _service { sdl } }');
    const text = (sdl.body.data!._service as { sdl: string }).sdl;
    expect(text).toContain('@link(url: "https://specs.apollo.dev/federation/v2.7"');
    expect(text).toMatch(/type Note\s+@key\(fields: "id"\)/);
    expect(text).toContain('createdAt: DateTime!');

    const created = await post(subgraph.url, 'mutation { addNote(text: "entity") { id } }');
    const id = (created.body.data!.addNote as { id: string }).id;
    const entities = await post(
      subgraph.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Note { id text } } }',
      { r: [{ __typename: 'Note', id }] },
    );
    expect(entities.body.data!._entities).toEqual([{ id, text: 'entity' }]);
  });

  it('returns domain errors with their code and field, and masks unexpected ones', async () => {
    const bad = await post(subgraph.url, 'mutation { addNote(text: "  ") { id } }');
    expect(bad.body.errors![0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'text' });
    expect(bad.body.errors![0]!.message).toBe('text must not be empty');

    const forbidden = await post(subgraph.url, '{ secret }');
    expect(forbidden.body.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN' });

    const broken = await post(subgraph.url, '{ broken }', undefined, {
      'x-request-id': 'req-broken-1',
    });
    const error = broken.body.errors![0]!;
    expect(error.message).toBe('Internal server error');
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(JSON.stringify(broken.body)).not.toContain('hunter2');
    const logged = logLines.filter(
      (line) => line.level === 'error' && line.requestId === 'req-broken-1',
    );
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0])).toContain('hunter2');
    expect((logged[0]!.err as { stack: string }).stack).toContain('notes-subgraph');
  });

  it('hides "did you mean" suggestions in validation errors', async () => {
    const result = await post(subgraph.url, '{ note { id } }');
    expect(result.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.body.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('echoes a request id, or makes one, and puts it on its log lines', async () => {
    const given = await post(subgraph.url, '{ notes { id } }', undefined, {
      'x-request-id': 'abc-123',
    });
    expect(given.headers.get('x-request-id')).toBe('abc-123');
    const made = await post(subgraph.url, '{ notes { id } }');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await post(subgraph.url, '{ notes { id } }', undefined, {
      'x-request-id': 'bad id with spaces',
    });
    expect(unsafe.headers.get('x-request-id')).not.toBe('bad id with spaces');
  });

  it('trusts only an identity the router signed', async () => {
    const signed = await signIdentityToken(
      { kind: 'user', userId: 'u42' },
      TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET,
    );
    const trusted = await post(subgraph.url, '{ whoami }', undefined, {
      [IDENTITY_HEADER]: signed,
    });
    expect(trusted.body.data).toEqual({ whoami: 'user:u42' });

    const forged = await signIdentityToken(
      { kind: 'user', userId: 'u42' },
      'an-attacker-secret-that-is-long-enough!',
    );
    const ignored = await post(subgraph.url, '{ whoami }', undefined, {
      [IDENTITY_HEADER]: forged,
    });
    expect(ignored.body.data).toEqual({ whoami: null });
    const anonymous = await post(subgraph.url, '{ whoami }');
    expect(anonymous.body.data).toEqual({ whoami: null });
  });

  it('answers /healthz, /readyz and /metrics', async () => {
    const health = await fetch(`${subgraph.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', service: 'notes' });

    const ready = await fetch(`${subgraph.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { mongo: 'ok' } });

    await post(subgraph.url, 'query ListNotes { notes { id } }');
    const metrics = await (await fetch(`${subgraph.baseUrl}/metrics`)).text();
    const sample = (name: string, ...labels: string[]) =>
      metrics
        .split('\n')
        .find(
          (line) => line.startsWith(`${name}{`) && labels.every((label) => line.includes(label)),
        );
    expect(
      sample(
        'graphql_operations_total',
        'operation="ListNotes"',
        'type="query"',
        'outcome="ok"',
        'service="notes"',
      ),
    ).toMatch(/ 1$/);
    expect(sample('graphql_operation_duration_seconds_count', 'operation="ListNotes"')).toMatch(
      / 1$/,
    );
    expect(
      sample('http_requests_total', 'route="/graphql"', 'method="POST"', 'status="200"'),
    ).toMatch(/ [1-9]\d*$/);
    expect(metrics).toContain('process_cpu_user_seconds_total');
  });

  it('bounds the operation label: long, unknown gateway fetch names are counted as other', async () => {
    const before = await (await fetch(`${subgraph.baseUrl}/metrics`)).text();
    for (let index = 0; index < 20; index += 1) {
      // How the gateway names a fetch: <client operation name>__<subgraph>__<n>.
      const name = `N${index}${'x'.repeat(50_000)}__notes__0`;
      const response = await post(subgraph.url, `query ${name} { notes { id } }`);
      expect(response.status).toBe(200);
    }
    await post(subgraph.url, 'query SongPage__notes__1 { notes { id } }');
    const metrics = await (await fetch(`${subgraph.baseUrl}/metrics`)).text();
    expect(metrics.length).toBeLessThan(before.length + 20_000);
    const operationLabels = new Set(
      [...metrics.matchAll(/^graphql_operations_total\{[^}]*operation="([^"]*)"/gm)].map(
        (match) => match[1],
      ),
    );
    expect(operationLabels).toContain('other');
    expect(operationLabels).toContain('SongPage');
    expect([...operationLabels].every((label) => label!.length <= 64)).toBe(true);
  });

  it('answers unknown paths and unreadable bodies with JSON, never an HTML page with file paths', async () => {
    const missing = await fetch(`${subgraph.baseUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found', path: '/nope' });
    const garbled = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(garbled.status).toBe(400);
    expect(garbled.headers.get('content-type')).toMatch(/application\/json/);
    expect(await garbled.text()).not.toMatch(/node_modules|<html/i);
    const huge = await fetch(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ notes { id } } # ${'x'.repeat(1_100_000)}` }),
    });
    expect(huge.status).toBe(413);
  });

  it('stops gracefully: refuses new connections, finishes the request in flight, closes Mongo', async () => {
    const inFlight = post(subgraph.url, '{ slow }');
    await gate.entered;
    const stopped = subgraph.stop();
    // The listener closes at once: a new connection is refused while the slow request is still open.
    await expect(fetch(`${subgraph.baseUrl}/healthz`)).rejects.toThrow();
    gate.open();
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.body.data).toEqual({ slow: 'finished' });
    await stopped;
    expect(subgraph.connection.readyState).toBe(0);
  });
});

describe('startSubgraph behind the router', () => {
  let mongo: TestMongo;
  let subgraph: RunningSubgraph;
  const secret = TEST_ENVIRONMENT.IDENTITY_TOKEN_SECRET;

  beforeAll(async () => {
    mongo = await startTestMongo();
    subgraph = await startTestSubgraph(mongo, {
      name: 'notes',
      environment: { REQUIRE_ROUTER_IDENTITY: true },
      schema: ({ connection }) => buildNotesSchema(connection, new Gate()),
    });
  });

  afterAll(async () => {
    await subgraph?.stop();
    await mongo?.stop();
  });

  it('is required by default in production only, unless REQUIRE_ROUTER_IDENTITY says otherwise', () => {
    expect(requiresRouterIdentity({ NODE_ENV: 'production' })).toBe(true);
    expect(requiresRouterIdentity({ NODE_ENV: 'production', REQUIRE_ROUTER_IDENTITY: false })).toBe(
      false,
    );
    expect(requiresRouterIdentity({ NODE_ENV: 'development' })).toBe(false);
    expect(requiresRouterIdentity({ NODE_ENV: 'test', REQUIRE_ROUTER_IDENTITY: true })).toBe(true);
  });

  it('refuses GraphQL requests without a router-signed token, and forged ones', async () => {
    const direct = await post(subgraph.url, '{ whoami }');
    expect(direct.status).toBe(401);
    expect(direct.body.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const forged = await signIdentityToken(
      null,
      'an-attacker-secret-that-is-long-enough!',
      60,
      '10.0.0.1',
    );
    expect(
      (await post(subgraph.url, '{ whoami }', undefined, { [IDENTITY_HEADER]: forged })).status,
    ).toBe(401);
  });

  it('answers anonymous callers the router signed for, with the client address it signed', async () => {
    const anonymous = await signIdentityToken(null, secret, 60, '203.0.113.9');
    const result = await post(subgraph.url, '{ whoami clientAddress }', undefined, {
      [IDENTITY_HEADER]: anonymous,
      'x-forwarded-for': '198.51.100.66',
    });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ whoami: null, clientAddress: '203.0.113.9' });
  });

  it('keeps /healthz, /readyz and /metrics open', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics'])
      expect((await fetch(`${subgraph.baseUrl}${path}`)).status).toBe(200);
  });
});

describe('startSubgraph whose background work fails to start', () => {
  let mongo: TestMongo;

  beforeAll(async () => {
    mongo = await startTestMongo();
  });

  afterAll(async () => {
    await mongo?.stop();
  });

  it('subscribes live consumers before beforeConsumers: they hear what it publishes', async () => {
    const heard: string[] = [];
    const order: string[] = [];
    const environment = {
      ...TEST_ENVIRONMENT,
      ...z.object(eventBusEnvironmentShape()).parse({ EVENT_BUS_DATABASE: `events_live_first` }),
    };
    const renamed = (name: string): EventEnvelope =>
      createEvent({
        type: 'ARTIST_UPDATED',
        version: 1,
        producer: 'songs',
        aggregateId: 'artist-1',
        aggregateVersion: heard.length + 1,
        data: { artistId: 'artist-1', name },
      });
    let publish: ((events: EventEnvelope[]) => Promise<void>) | undefined;
    const description: SubgraphDescription<SubgraphModule> = {
      name: 'notes',
      environment,
      create: async (dependencies) => {
        publish = (events) => dependencies.publisher.publish(events);
        return { schema: await buildNotesSchema(dependencies.connection, new Gate()) };
      },
      beforeConsumers: async () => {
        order.push('beforeConsumers');
        // The bus is open and the live consumer listens: what is published now reaches it.
        await publish!([renamed('During the rebuild')]);
      },
      consumers: () => [
        {
          consumer: 'notes-replica',
          types: ['ARTIST_UPDATED'],
          live: true,
          handler: async (event) => void heard.push((event.data as { name: string }).name),
        },
      ],
    };
    const running = await startTestSubgraph(mongo, description);
    try {
      await waitUntil(() => heard.length === 1, { what: 'the live consumer heard the event' });
      expect(heard).toEqual(['During the rebuild']);
      expect(order).toEqual(['beforeConsumers']);
    } finally {
      await running.stop();
    }
  });

  it('stops what already started, closes its port and its Mongo connection, then rejects', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(free));
      });
    });
    let connection: Connection | undefined;
    const closed: string[] = [];
    const description: SubgraphDescription<SubgraphModule> = {
      name: 'notes',
      environment: {
        ...TEST_ENVIRONMENT,
        PORT: port,
      } as SubgraphDescription<SubgraphModule>['environment'],
      create: async (dependencies) => {
        connection = dependencies.connection;
        return { schema: await buildNotesSchema(dependencies.connection, new Gate()) };
      },
      close: async () => {
        closed.push('module');
      },
      beforeConsumers: async () => {
        throw new Error('event bus unreachable');
      },
    };

    await expect(startTestSubgraph(mongo, description)).rejects.toThrow('event bus unreachable');
    expect(closed).toEqual(['module']);
    expect(connection?.readyState).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});
