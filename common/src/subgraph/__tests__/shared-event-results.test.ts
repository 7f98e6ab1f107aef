import {
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionResult,
} from 'graphql';
import { selectsOnly, shareEventResults, subscribeSharingResults } from '../shared-event-results';

interface Payload {
  text: string;
}

/** One source per subscription: each yields the payloads pushed to every subscription. */
function fixture() {
  const queues: ((payload: Payload) => void)[] = [];
  let calls = 0;
  const returned: string[] = [];
  const event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      text: {
        type: GraphQLString,
        resolve: (root: Payload) => {
          calls += 1;
          return root.text;
        },
      },
      viewer: {
        type: GraphQLString,
        resolve: (_root: Payload, _args: unknown, context: { viewer: string }) => context.viewer,
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        event: {
          type: event,
          resolve: (payload: unknown) => payload as Payload,
          subscribe: (_root: unknown, _args: unknown, context: { viewer: string }) => {
            const pending: Payload[] = [];
            let wake: (() => void) | undefined;
            queues.push((payload) => {
              pending.push(payload);
              wake?.();
            });
            const iterator: AsyncIterableIterator<Payload> = {
              async next() {
                while (pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
                return { done: false, value: pending.shift()! };
              },
              async return() {
                returned.push(context.viewer);
                return { done: true, value: undefined };
              },
              [Symbol.asyncIterator]() {
                return this;
              },
            };
            return iterator;
          },
        },
      },
    }),
  });
  const push = (payload: Payload) => queues.forEach((deliver) => deliver(payload));
  return { schema, push, calls: () => calls, returned };
}

const SHARED = new Set(['Subscription.event', 'Event.text']);

async function open(schema: GraphQLSchema, query: string, viewer: string) {
  const result = await subscribeSharingResults({
    schema,
    document: parse(query),
    contextValue: { viewer },
  });
  if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
  return result;
}

async function nextData(iterator: AsyncIterableIterator<ExecutionResult>) {
  const next = await iterator.next();
  return next.value?.data;
}

describe('sharing an event’s execution among its subscribers', () => {
  it('executes a marked payload once for subscriptions selecting only caller-independent fields', async () => {
    const { schema, push, calls } = fixture();
    const a = await open(schema, 'subscription { event { text __typename } }', 'ann');
    const b = await open(schema, 'subscription { event { text __typename } }', 'bob');
    const payload = { text: 'hello' };
    shareEventResults(payload, SHARED);
    push(payload);
    expect(await nextData(a)).toEqual({ event: { text: 'hello', __typename: 'Event' } });
    expect(await nextData(b)).toEqual({ event: { text: 'hello', __typename: 'Event' } });
    expect(calls()).toBe(1);
  });

  it('executes per subscriber an unmarked payload, or a document reaching a caller-dependent field', async () => {
    const { schema, push, calls } = fixture();
    const a = await open(schema, 'subscription { event { text viewer } }', 'ann');
    const b = await open(schema, 'subscription { event { text viewer } }', 'bob');
    const marked = { text: 'marked' };
    shareEventResults(marked, SHARED);
    push(marked);
    expect(await nextData(a)).toEqual({ event: { text: 'marked', viewer: 'ann' } });
    expect(await nextData(b)).toEqual({ event: { text: 'marked', viewer: 'bob' } });
    expect(calls()).toBe(2);
    const c = await open(schema, 'subscription { event { text } }', 'cid');
    const d = await open(schema, 'subscription { event { text } }', 'dan');
    push({ text: 'plain' });
    for (const iterator of [a, b]) await iterator.next();
    expect(await nextData(c)).toEqual({ event: { text: 'plain' } });
    expect(await nextData(d)).toEqual({ event: { text: 'plain' } });
    expect(calls()).toBe(6);
  });

  it('return() ends the source at once', async () => {
    const { schema, returned } = fixture();
    const a = await open(schema, 'subscription { event { text } }', 'ann');
    await a.return!();
    expect(returned).toEqual(['ann']);
  });

  it('selectsOnly follows fragments', () => {
    const { schema } = fixture();
    const spread = parse('subscription { event { ...F } } fragment F on Event { text viewer }');
    expect(selectsOnly(schema, spread, SHARED)).toBe(false);
    const inline = parse('subscription { event { ... on Event { text } } }');
    expect(selectsOnly(schema, inline, SHARED)).toBe(true);
  });
});
