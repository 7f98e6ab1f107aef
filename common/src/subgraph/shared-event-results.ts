import {
  BREAK,
  createSourceEventStream,
  execute,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';

/**
 * Sharing the execution of one event among the subscribers that get it. A producer that hands the
 * same payload object to many subscriptions (a Jam's update to each of its participants) marks it
 * with the fields whose values do not depend on who is asking ("Type.field"). A subscription whose
 * document selects only those fields then reuses the result another subscription with the same
 * document and variables already computed for that payload, instead of executing it again: the
 * payload is built once per event, not once per subscriber. Anything else — an unmarked payload, a
 * document reaching any other field (say a viewer's own rating of a song) — is executed for each
 * subscriber with its own context, as before. Who gets the payload at all (rights, a participant
 * removed) is still decided per subscriber by the producer's stream, before this runs.
 */
interface SharedPayload {
  callerIndependent: ReadonlySet<string>;
  results: Map<string, ExecutionResult | Promise<ExecutionResult>>;
}

const sharedPayloads = new WeakMap<object, SharedPayload>();

/** Marks `payload` (given as is to several subscriptions) as shareable over `callerIndependent` fields. */
export function shareEventResults(payload: object, callerIndependent: ReadonlySet<string>): void {
  if (!sharedPayloads.has(payload))
    sharedPayloads.set(payload, { callerIndependent, results: new Map() });
}

/** Whether every field `document` selects (fragments included, `__typename` aside) is in `fields`. */
export function selectsOnly(
  schema: GraphQLSchema,
  document: DocumentNode,
  fields: ReadonlySet<string>,
): boolean {
  const typeInfo = new TypeInfo(schema);
  let only = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__typename') return undefined;
        const parent = typeInfo.getParentType();
        if (parent && fields.has(`${parent.name}.${node.name.value}`)) return undefined;
        only = false;
        return BREAK;
      },
    }),
  );
  return only;
}

/**
 * graphql's `subscribe`, with each event's execution shared as described above. The iterator's
 * `return()` reaches the source at once (a client that goes away ends the producer's stream even
 * while it waits for the next event).
 */
export async function subscribeSharingResults(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source;
  const iterator = source[Symbol.asyncIterator]();
  /** Per allow-list: whether this document stays inside it (decided once per subscription). */
  const inside = new WeakMap<ReadonlySet<string>, boolean>();
  let key: string | undefined;
  const run = (payload: unknown): ExecutionResult | Promise<ExecutionResult> => {
    const shared =
      typeof payload === 'object' && payload !== null ? sharedPayloads.get(payload) : undefined;
    if (shared) {
      let allowed = inside.get(shared.callerIndependent);
      if (allowed === undefined) {
        allowed = selectsOnly(args.schema, args.document, shared.callerIndependent);
        inside.set(shared.callerIndependent, allowed);
      }
      if (allowed) {
        key ??= JSON.stringify([
          print(args.document),
          args.operationName ?? null,
          args.variableValues ?? null,
        ]);
        let result = shared.results.get(key);
        if (!result) shared.results.set(key, (result = execute({ ...args, rootValue: payload })));
        return result;
      }
    }
    return execute({ ...args, rootValue: payload });
  };
  const done = (): IteratorResult<ExecutionResult> => ({ done: true, value: undefined });
  const mapped: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      const next = await iterator.next();
      if (next.done) return done();
      try {
        return { done: false, value: await run(next.value) };
      } catch (error) {
        await iterator.return?.();
        throw error;
      }
    },
    async return() {
      await iterator.return?.();
      return done();
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return mapped;
}
