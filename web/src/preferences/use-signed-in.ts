'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useSession } from 'next-auth/react';
import { useCallback } from 'react';
import { signInRedirectPath } from '@/auth/protected-routes';

/** Whether someone is signed in, and a way to send a signed-out visitor to sign in and back. */
export function useSignedIn(): { signedIn: boolean; goToSignIn: () => void } {
  const { data: session, status } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const goToSignIn = useCallback(
    () => router.push(signInRedirectPath(pathname)),
    [router, pathname],
  );
  return { signedIn: status === 'authenticated' && !session?.error, goToSignIn };
}
