// How events reach clients. The owner-only fast path must hand clients exactly what the plan
// executor would: every document below runs through a FederatedSubscription twice — once shaped directly, once through
// `executeQueryPlan` — fed the same upstream events, which the owning subgraph's schema itself
// produces from the primary fetch's operation (so `__typename`s the planner added, null
// propagation and field errors are the subgraph's real answers). The slow path shares identical
// entity fetches between subscriptions of the same caller only.
import { Supergraph } from '@apollo/federation-internals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createLogger } from '@groovy/common/logging';
import { waitUntil } from '@groovy/common/testing';
import { execute, GraphQLError, parse, type ExecutionResult } from 'graphql';
import type { Client, Sink } from 'graphql-ws';
import { composeSupergraph } from '../../__tests__/fixtures/test-stack';
import { shapeEventDirectly } from '../direct-event-shaper';
import { FederatedSubscription } from '../federated-subscription';
import { SubscriptionPlanner, type SubscriptionPlan } from '../subscription-planner';
import type { UpstreamLease } from '../upstream-pool';

const FEED_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])

  interface Item { id: ID! title: String }
  type Track implements Item @key(fields: "id") { id: ID! title: String lengthMs: Int! }
  type Note implements Item { id: ID! title: String body: String }
  union Any = Track | Note
  enum Mood { CALM LOUD SECRET @inaccessible }

  type Feed {
    n: Int!
    mood: Mood
    items: [Item!]!
    any: Any
    required: String!
    nested: Feed
    hidden: String @inaccessible
  }

  type Query { feedVersion: String }
  type Subscription { feed(n: Int): Feed! }
`;

// A second subgraph owning one Track field, so one document below needs an entity fetch.
const PLAYS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Track @key(fields: "id") { id: ID! plays: Int! }
  type Query { playsVersion: String }
`;

const feedSchema = buildSubgraphSchema([
  {
    typeDefs: parse(FEED_SDL),
    resolvers: {
      Item: { __resolveType: (item: { lengthMs?: number }) => (item.lengthMs ? 'Track' : 'Note') },
      Any: { __resolveType: (item: { lengthMs?: number }) => (item.lengthMs ? 'Track' : 'Note') },
      Track: { title: titleOf },
      Note: { title: titleOf },
    } as never,
  },
]);

function titleOf(item: { title?: string | null }) {
  if (item.title === 'boom')
    throw new GraphQLError('This title could not be read.', { extensions: { code: 'NOT_FOUND' } });
  return item.title ?? null;
}

const supergraphSdl = composeSupergraph([
  { name: 'feed', url: 'http://127.0.0.1:1/graphql', sdl: FEED_SDL },
  { name: 'plays', url: 'http://127.0.0.1:2/graphql', sdl: PLAYS_SDL },
]);
const planner = new SubscriptionPlanner({
  subgraphUrlOverrides: {},
  buildDataSource: (name) => ({
    process: async () => {
      throw new Error(`no fetch expected to ${name}`);
    },
  }),
});
planner.load(supergraphSdl, Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
const logger = createLogger({ service: 'router-test', level: 'silent' });

/** An upstream lease whose subscription yields what `emit` is given. */
function fakeUpstream() {
  let sink: Sink | undefined;
  const client = {
    subscribe: (_payload: unknown, given: Sink) => {
      sink = given;
      return () => undefined;
    },
  } as unknown as Client;
  const lease: UpstreamLease = { client, release: () => undefined };
  return { lease, emit: (event: ExecutionResult) => sink!.next(event as never) };
}

function start(
  plan: SubscriptionPlan,
  variables: Record<string, unknown>,
  planEveryEvent: boolean,
  identityKey?: string,
) {
  const upstream = fakeUpstream();
  const subscription = new FederatedSubscription({
    plan,
    variables,
    operationName: undefined,
    upstream: upstream.lease,
    context: async () => ({ requestId: 'test', identity: null, identityToken: 'unused' }),
    logger,
    maxQueuedEvents: 10,
    planEveryEvent,
    ...(identityKey !== undefined ? { identityKey } : {}),
  });
  return { subscription, emit: upstream.emit };
}

const track = (id: string, title: string | null = `Track ${id}`) => ({ id, title, lengthMs: 1000 });
const note = (id: string, title: string | null = `Note ${id}`) => ({
  id,
  title,
  body: `Body ${id}`,
});
const feed = (overrides: Record<string, unknown> = {}) => ({
  n: 1,
  mood: 'CALM',
  items: [track('t1'), note('n1')],
  any: note('n2'),
  required: 'yes',
  nested: { n: 2, mood: null, items: [], any: null, required: 'inner', nested: null },
  hidden: 'not for clients',
  ...overrides,
});

const FEEDS = [
  feed(),
  feed({ mood: null, any: null, nested: null, items: [] }),
  feed({ items: [track('t2', 'boom'), note('n3', null)] }), // a field error: the slow path answers
  feed({ nested: { ...feed(), required: null } }), // non-null violation inside a nullable field
  feed({ required: null }), // non-null violation up to the root
  feed({ mood: 'SECRET' }), // an @inaccessible enum value from the subgraph
  feed({ any: track('t3') }),
];

const DOCUMENTS: Array<{ name: string; document: string; variables?: Record<string, unknown> }> = [
  { name: 'plain fields', document: 'subscription { feed { n mood required } }' },
  {
    name: 'aliases and __typename',
    document:
      'subscription { f: feed(n: 3) { __typename count: n m: mood again: n inner: nested { __typename n } } }',
  },
  {
    name: 'named and inline fragments on an interface and a union',
    document: `subscription ($n: Int) { feed(n: $n) { ...F items { __typename id ... on Track { lengthMs } ... on Note { body t: title } } } }
      fragment F on Feed { any { ... on Track { id title } ... on Note { __typename id } } }`,
    variables: { n: 2 },
  },
  {
    name: 'an interface field without __typename (the planner adds it upstream)',
    document: 'subscription { feed { items { id title } any { ... on Note { id } } } }',
  },
  {
    name: '@skip and @include',
    document: `subscription ($a: Boolean!, $b: Boolean!) {
      feed { n @skip(if: $a) mood @include(if: $b) nested @include(if: $a) { n } required }
    }`,
    variables: { a: true, b: false },
  },
  {
    name: 'nulls and non-null propagation',
    document: 'subscription { feed { required nested { required mood any { __typename } } } }',
  },
];

describe('owner-only fast path', () => {
  it('plans owner-only documents for the fast path and federated ones for the executor', () => {
    const generation = planner.generation()!;
    const owned = planner.plan(generation, parse('subscription { feed { n } }'), undefined);
    expect(owned.rest).toBeUndefined();
    expect(owned.ownerOnly).toBeDefined();
    const federated = planner.plan(
      generation,
      parse('subscription { feed { items { ... on Track { plays } } } }'),
      undefined,
    );
    expect(federated.rest).toBeDefined();
    expect(federated.ownerOnly).toBeUndefined();
  });

  it.each(DOCUMENTS)(
    'gives the same payloads as the plan executor: $name',
    async ({ document, variables = {} }) => {
      const plan = planner.plan(planner.generation()!, parse(document), undefined);
      expect(plan.ownerOnly).toBeDefined();
      const fast = start(plan, variables, false);
      const slow = start(plan, variables, true);
      for (const payload of FEEDS) {
        // What the owning subgraph answers the primary fetch with, for this event.
        const event = (await execute({
          schema: feedSchema,
          document: parse(plan.primary.operation),
          rootValue: { feed: payload },
          variableValues: variables,
        })) as ExecutionResult;
        // The fast path takes every event without errors (the others go to the executor).
        if (!event.errors)
          expect(shapeEventDirectly(plan.ownerOnly!, variables, event)).toBeDefined();
        fast.emit(JSON.parse(JSON.stringify(event)) as ExecutionResult);
        slow.emit(JSON.parse(JSON.stringify(event)) as ExecutionResult);
        const [fromFast, fromSlow] = await Promise.all([
          fast.subscription.next(),
          slow.subscription.next(),
        ]);
        // Same values, same key order, same errors (as clients see them on the wire).
        expect(JSON.stringify(fromFast)).toEqual(JSON.stringify(fromSlow));
      }
      await Promise.all([fast.subscription.return(), slow.subscription.return()]);
    },
  );
});

describe('entity fetches shared per event', () => {
  // The plays subgraph answers once the test opens the gate, so every subscription's fetch of the
  // event is in flight at the same time.
  let calls = 0;
  let open!: () => void;
  let gate = new Promise<void>((resolve) => (open = resolve));
  const playsPlanner = new SubscriptionPlanner({
    subgraphUrlOverrides: {},
    buildDataSource: () => ({
      process: async (options) => {
        calls += 1;
        await gate;
        const representations = (options.request.variables?.representations ?? []) as unknown[];
        return { data: { _entities: representations.map(() => ({ plays: 7 })) } };
      },
    }),
  });
  playsPlanner.load(supergraphSdl, Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema());
  const DOCUMENT = 'subscription { feed { n items { id ... on Track { plays } } } }';

  it('sends one fetch per event for subscriptions of the same caller, one per caller otherwise', async () => {
    const plan = playsPlanner.plan(playsPlanner.generation()!, parse(DOCUMENT), undefined);
    expect(plan.rest).toBeDefined();
    const coalescer = plan.generation.entityFetches;
    const subscriptions = [
      start(plan, {}, false, 'user:a'),
      start(plan, {}, false, 'user:a'),
      start(plan, {}, false, 'user:b'),
      start(plan, {}, false), // no identity key: never shared
    ];
    const event = (await execute({
      schema: feedSchema,
      document: parse(plan.primary.operation),
      rootValue: { feed: feed({ items: [track('t1'), note('n1')] }) },
    })) as ExecutionResult;
    calls = 0;
    gate = new Promise<void>((resolve) => (open = resolve));
    for (const { emit } of subscriptions)
      emit(JSON.parse(JSON.stringify(event)) as ExecutionResult);
    await waitUntil(() => calls + coalescer.counts.shared === subscriptions.length, {
      what: 'every subscription fetching',
    });
    open();
    const results = await Promise.all(subscriptions.map(({ subscription }) => subscription.next()));
    expect(calls).toBe(3); // user:a once, user:b once, the unkeyed one once
    expect(coalescer.counts.shared).toBe(1);
    for (const result of results)
      expect(result.value).toEqual({
        data: { feed: { n: 1, items: [{ id: 't1', plays: 7 }, { id: 'n1' }] } },
      });
    // Each subscription got its own copy of the shared answer.
    const [first, second] = results.map((result) => (result.value as ExecutionResult).data!);
    expect((first!.feed as { items: unknown[] }).items[0]).not.toBe(
      (second!.feed as { items: unknown[] }).items[0],
    );
    await Promise.all(subscriptions.map(({ subscription }) => subscription.return()));
  });
});
