'use client';

import { usePathname, useRouter } from 'next/navigation';
import { SessionProvider, signOut, useSession } from 'next-auth/react';
import { useEffect, type ReactNode } from 'react';
import type { Session } from 'next-auth';
import { GroovyApolloProvider } from '@/apollo/ApolloProvider';
import { signInRedirectPath } from '@/auth/protected-routes';
import { PlayerProvider } from '@/player/PlayerProvider';

/** When the refresh token was rejected, end the local session and send the user to sign in. */
function SessionExpiryWatcher() {
  const { data: session } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (!session?.error) return;
    const onAuthPage = pathname === '/signin' || pathname === '/signup';
    const back = window.location.pathname + window.location.search;
    void signOut({ redirect: false }).finally(() => {
      if (!onAuthPage) router.replace(signInRedirectPath(back, 'SessionExpired'));
      router.refresh();
    });
  }, [session?.error, pathname, router]);
  return null;
}

export function Providers({
  session,
  graphqlUrl,
  nonce,
  children,
}: {
  session: Session | null;
  graphqlUrl: string;
  nonce: string | undefined;
  children: ReactNode;
}) {
  return (
    // Re-reads the session (running the refresh in the jwt callback if due) every 4 minutes and on focus.
    <SessionProvider session={session} refetchInterval={4 * 60} refetchOnWindowFocus>
      <SessionExpiryWatcher />
      <GroovyApolloProvider graphqlUrl={graphqlUrl} nonce={nonce}>
        {/* The audio element lives here, above every page: playback survives navigation. */}
        <PlayerProvider graphqlUrl={graphqlUrl}>{children}</PlayerProvider>
      </GroovyApolloProvider>
    </SessionProvider>
  );
}
