'use client';

import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { ApolloLink } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import {
  ApolloClient,
  ApolloNextAppProvider,
  InMemoryCache,
} from '@apollo/client-integration-nextjs';
import { getSession, useSession } from 'next-auth/react';
import type { Session } from 'next-auth';
import { REFRESH_MARGIN_MS, shouldRefreshAccessToken } from '@/auth/session-token';
import { persistedOperationsLink, routerHttpLink } from '@/graphql/persisted-operations';
import {
  createSubscriptionClient,
  isSubscription,
  SubscriptionLink,
} from '@/graphql/subscription-link';
import { subscriptionConnectionChanged } from '@/graphql/subscription-connection';

/**
 * Apollo Client for client components. The browser calls the router directly with the session's
 * access token; when that token is about to expire we ask next-auth for the session again, which runs
 * the jwt callback on the server (refreshing the pair and rewriting the cookie) before the request.
 */
export function GroovyApolloProvider({
  graphqlUrl,
  nonce,
  children,
}: {
  graphqlUrl: string;
  /** This response's CSP nonce, for the <script>s that carry server-fetched data to the browser. */
  nonce: string | undefined;
  children: ReactNode;
}) {
  const { data: session } = useSession();
  const sessionRef = useRef<Session | null>(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  const makeClient = useCallback(() => {
    const accessToken = async (): Promise<string | undefined> => {
      let current = sessionRef.current;
      if (typeof window !== 'undefined' && !current?.accessToken) {
        // Just signed in (the provider may not have re-read the session yet): ask once.
        current = await getSession();
        sessionRef.current = current;
      } else if (
        typeof window !== 'undefined' &&
        current?.accessToken &&
        shouldRefreshAccessToken(
          {
            refreshToken: 'opaque',
            accessTokenExpiresAt: current.accessTokenExpiresAt,
            error: current.error,
          },
          Date.now(),
          REFRESH_MARGIN_MS,
        )
      ) {
        current = await getSession();
        sessionRef.current = current;
      }
      return current && !current.error ? current.accessToken : undefined;
    };
    const authLink = new SetContextLink(async (prevContext) => {
      const token = await accessToken();
      if (!token) return {};
      return { headers: { ...prevContext.headers, authorization: `Bearer ${token}` } };
    });
    const httpLink = ApolloLink.from([
      authLink,
      persistedOperationsLink(),
      routerHttpLink({ uri: graphqlUrl, headers: { 'apollographql-client-name': 'groovy-web' } }),
    ]);
    // Subscriptions: graphql-ws to the same URL (browser only; the server renders none).
    const link =
      typeof window === 'undefined'
        ? httpLink
        : ApolloLink.split(
            ({ query }) => isSubscription(query),
            new SubscriptionLink(
              createSubscriptionClient({
                url: graphqlUrl,
                accessToken,
                onConnectionChange: subscriptionConnectionChanged,
              }),
            ),
            httpLink,
          );
    return new ApolloClient({
      cache: new InMemoryCache(),
      link,
    });
  }, [graphqlUrl]);

  return (
    <ApolloNextAppProvider makeClient={makeClient} extraScriptProps={{ nonce }}>
      {children}
    </ApolloNextAppProvider>
  );
}
