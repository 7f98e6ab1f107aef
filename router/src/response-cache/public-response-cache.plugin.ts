import type { ApolloServerPlugin } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RouterContext } from '../router-context';
import { publicMaxAge, type PublicCacheHints } from './public-cache-hints';

/**
 * Apollo's cache-control model at the router: once an operation is known, its cache policy is set
 * from the public entry points' hints (anonymous callers only; anything else max-age 0), Apollo
 * Server's cache-control plugin turns it into `Cache-Control` (`max-age=N, public` or `no-store`)
 * and `@apollo/server-plugin-response-cache` keeps cacheable answers for that long (not answers
 * with errors), keyed by document, operation name and variables. Signed-in and API-key callers
 * neither read nor fill it. The subgraphs' own `Cache-Control` headers are not used (they say
 * `no-store` for everything today; see public-cache-hints.ts).
 */
export function publicResponseCachePlugins(options: {
  hints: PublicCacheHints;
  cache: KeyValueCache<string>;
}): ApolloServerPlugin<RouterContext>[] {
  const anonymous = ({ contextValue }: { contextValue: RouterContext }) =>
    contextValue.identity === null;
  const policy: ApolloServerPlugin<RouterContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue, overallCachePolicy }) {
          const maxAge =
            contextValue.identity === null && operation
              ? publicMaxAge(operation, options.hints)
              : 0;
          overallCachePolicy.restrict(maxAge > 0 ? { maxAge, scope: 'PUBLIC' } : { maxAge: 0 });
        },
      };
    },
  };
  return [
    policy,
    responseCachePlugin<RouterContext>({
      cache: options.cache,
      sessionId: async () => null,
      shouldReadFromCache: async (requestContext) => anonymous(requestContext),
      shouldWriteToCache: async (requestContext) => anonymous(requestContext),
    }),
  ];
}
