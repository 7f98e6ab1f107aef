import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RouterContext } from '../router-context';

/**
 * Apollo's cache-control model at the router. The policy of an operation is the one the gateway
 * builds from the subgraphs' answers: each subgraph computes its own from its `@cacheControl`
 * hints (common/src/graphql/cache-control.ts) and says it in `Cache-Control`; RemoteGraphQLDataSource
 * (`honorSubgraphCacheControlHeader`, on) restricts the operation's policy by every fetch's header,
 * `_entities` fetches included, so the shortest max-age wins and one `private` or `no-store` fetch
 * decides for the whole answer. Apollo Server's cache-control plugin turns the result into the
 * answer's `Cache-Control` (`max-age=N, public`, or `no-store`), and
 * `@apollo/server-plugin-response-cache` keeps cacheable answers (without errors) that long, keyed
 * by document, operation name, variables and the invalidation generation.
 *
 * What only the router knows is added here: a signed-in or API-key caller's answer is never shared
 * (`no-store`; they neither read nor fill the cache), and a `PRIVATE` answer is `no-store` too (no
 * sessions are kept here; a private answer is not worth a per-caller copy).
 */
export function publicResponseCachePlugins(options: {
  cache: KeyValueCache<string>;
  /** Part of every key: bumped by the catalogue events, so older entries are never read again. */
  generation: () => number;
}): ApolloServerPlugin<RouterContext>[] {
  const anonymous = ({ contextValue }: { contextValue: RouterContext }) =>
    contextValue.identity === null;
  const policy: ApolloServerPlugin<RouterContext> = {
    async requestDidStart(requestContext) {
      return {
        async didResolveOperation({ contextValue, operation, overallCachePolicy }) {
          // A mutation's answer is never reused, whatever the hints on the types it returns.
          if (contextValue.identity !== null || operation?.operation !== 'query')
            overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart() {
          return {
            // After every subgraph fetch has restricted the policy (the gateway runs them here).
            async executionDidEnd() {
              const { overallCachePolicy } = requestContext;
              if (overallCachePolicy.scope === 'PRIVATE')
                overallCachePolicy.restrict({ maxAge: 0 });
            },
          };
        },
      };
    },
  };
  return [
    policy,
    responseCachePlugin<RouterContext>({
      cache: options.cache,
      sessionId: async () => null,
      // Read when the request starts: an answer computed while an event arrives is stored under
      // the generation it started in, which is no longer read.
      extraCacheKeyData: async () => options.generation(),
      shouldReadFromCache: async (requestContext) => anonymous(requestContext),
      shouldWriteToCache: async (requestContext) => anonymous(requestContext),
    }),
  ];
}
