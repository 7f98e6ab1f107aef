import 'server-only';
import { ApolloLink } from '@apollo/client';
import {
  ApolloClient,
  InMemoryCache,
  registerApolloClient,
} from '@apollo/client-integration-nextjs';
import { headers } from 'next/headers';
import { auth } from '@/auth';
import { forwardedForOf } from '@/auth/forwarded-for';
import { getEnvironment } from '@/environment';
import { persistedOperationsLink, routerHttpLink } from '@/graphql/persisted-operations';

/**
 * Apollo Client for React Server Components: one instance per request, calling the router from the
 * Next.js server with the signed-in user's bearer token (already refreshed by src/proxy.ts).
 */
export const { getClient, query } = registerApolloClient(async () => {
  const session = await auth();
  const accessToken = session && !session.error ? session.accessToken : undefined;
  // The web is a trusted proxy of the router: it passes on the browser's address.
  const forwardedFor = forwardedForOf(await headers());
  return new ApolloClient({
    cache: new InMemoryCache(),
    link: ApolloLink.from([
      persistedOperationsLink(),
      routerHttpLink({
        uri: getEnvironment().graphqlUrl,
        headers: {
          'apollographql-client-name': 'groovy-web',
          ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
          ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
        },
        // Per-user data: never let Next cache these fetches.
        fetchOptions: { cache: 'no-store', signal: AbortSignal.timeout(10_000) },
      }),
    ]),
  });
});
