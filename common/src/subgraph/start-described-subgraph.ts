import { serveSubgraph, type RunningSubgraph, type StartSubgraphOptions } from './start-subgraph';
import {
  subgraphServerOptions,
  type SubgraphDescription,
  type SubgraphModule,
  type SubgraphOverrides,
} from './subgraph-description';

/** A running subgraph and the module its description built (tests reach its services). */
export interface RunningDescribedSubgraph<TModule> extends RunningSubgraph {
  module: TModule;
}

/**
 * The one way a subgraph starts, from its description: the server (Mongo, schema, `/graphql`,
 * `/healthz`, `/readyz`, `/metrics`, graceful stop), the event bus, the outbox relay, the
 * consumers and background work. `serve` lets tests put the server on a shared test Mongo.
 */
export async function startSubgraph<
  TModule extends SubgraphModule,
  TContext extends object = object,
>(
  description: SubgraphDescription<TModule, TContext>,
  overrides: SubgraphOverrides<TContext> = {},
  serve: (options: StartSubgraphOptions<TContext>) => Promise<RunningSubgraph> = serveSubgraph,
): Promise<RunningDescribedSubgraph<TModule>> {
  const { options, module } = subgraphServerOptions(description, overrides);
  const running = await serve(options);
  return { ...running, module: module() };
}
