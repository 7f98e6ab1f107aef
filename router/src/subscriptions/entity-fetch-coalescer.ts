// Per-event dedupe of entity fetches across subscriptions of the same caller. Subscribers of one
// upstream event resolve the rest of their plans independently; when several subscriptions of the
// same signed identity (several tabs, or one client subscribing twice) run the same document, each
// event would send the same entity fetch once per subscription. The coalescer lets concurrent,
// identical fetches — same subgraph, same query text, same variables (the entity representations
// included) and the same signed identity — share one request while it is in flight. Nothing is
// kept once it settles: this is not a cache, only request coalescing.
//
// Why only the same identity: a subgraph may answer differently per caller (`likedByMe`, anything
// visible only to its owner or to a role), and nothing in the supergraph says which fields do not
// depend on the caller. The signed identity key (kind, user, API key, sorted roles, client address:
// everything the forwarded token carries) makes two fetches indistinguishable to the subgraph.
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';

type ProcessOptions = Parameters<GraphQLDataSource['process']>[0];
type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** `GraphQLDataSourceRequestKind.INCOMING_OPERATION` (the enum is not exported by the gateway's index). */
const INCOMING_OPERATION = 'incoming operation';

/** One copy per caller: the executor merges (and rewrites) fetched data into its own result tree. */
function copyOf(response: Response): Response {
  return {
    ...response,
    ...(response.data !== undefined ? { data: structuredClone(response.data) } : {}),
    ...(response.errors !== undefined ? { errors: structuredClone(response.errors) } : {}),
  };
}

export class EntityFetchCoalescer {
  private readonly inFlight = new Map<string, Promise<Response>>();

  /** Requests sent to subgraphs and requests answered from one in flight, since start (metrics, tests). */
  readonly counts = { sent: 0, shared: 0 };

  /**
   * `serviceMap` with every data source coalescing the fetches of callers with `identityKey`
   * (build once per subscription; the wrapped sources are cheap).
   */
  wrap(serviceMap: ServiceMap, identityKey: string): ServiceMap {
    const wrapped = Object.create(null) as ServiceMap;
    for (const [name, source] of Object.entries(serviceMap))
      wrapped[name] = { process: (options) => this.process(name, source, identityKey, options) };
    return wrapped;
  }

  private async process(
    service: string,
    source: GraphQLDataSource,
    identityKey: string,
    options: ProcessOptions,
  ): Promise<Response> {
    if ((options.kind as string) !== INCOMING_OPERATION) return source.process(options);
    const key = JSON.stringify([
      service,
      identityKey,
      options.request.query ?? '',
      options.request.operationName ?? null,
      options.request.variables ?? {},
    ]);
    let shared = this.inFlight.get(key);
    if (shared) this.counts.shared += 1;
    else {
      this.counts.sent += 1;
      shared = source.process(options).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, shared);
    }
    return copyOf(await shared);
  }
}
