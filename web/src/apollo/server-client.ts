import 'server-only';
import { ApolloLink } from '@apollo/client';
import {
  ApolloClient,
  InMemoryCache,
  registerApolloClient,
} from '@apollo/client-integration-nextjs';
import { auth } from '@/auth';
import { getEnvironment } from '@/environment';
import { persistedOperationsLink, routerHttpLink } from '@/graphql/persisted-operations';

/**
 * Apollo Client for React Server Components: one instance per request, calling the router from the
 * Next.js server with the signed-in user's bearer token (already refreshed by src/proxy.ts).
 */
export const { getClient, query } = registerApolloClient(async () => {
  const session = await auth();
  const accessToken = session && !session.error ? session.accessToken : undefined;
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      persistedOperationsLink(),
      routerHttpLink({
        uri: getEnvironment().graphqlUrl,
        headers: {
          'apollographql-client-name': 'groovy-web',
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
        },
        // Per-user data: never let Next cache these fetches.
        fetchOptions: { cache: 'no-store', signal: AbortSignal.timeout(10_000) },
      }),
    ]),
  });
});
