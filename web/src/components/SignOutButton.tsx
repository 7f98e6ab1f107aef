'use client';

import { useRouter } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { useState } from 'react';

/** Signs out: next-auth clears the cookie and its signOut event revokes the refresh token on the router. */
export function SignOutButton() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button button--ghost button--small"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await signOut({ callbackUrl: '/' });
        } catch {
          setPending(false);
          router.push('/');
        }
      }}
    >
      {pending ? 'Signing out…' : 'Sign out'}
    </button>
  );
}
