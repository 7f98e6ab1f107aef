'use client';

import { useState } from 'react';
import { usePathname, useRouter } from 'next/navigation';
import { useMutation } from '@apollo/client/react';
import { useSession } from 'next-auth/react';
import { START_JAM_MUTATION } from './jam.operations';

/** "Start a Jam" with these songs queued (the caller hosts); opens the Jam page. */
export function StartJamButton({ songIds }: { songIds: readonly string[] }) {
  const router = useRouter();
  const { status } = useSession();
  const [startJam, { loading }] = useMutation(START_JAM_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const pathname = usePathname();
  // Signed-in listeners only, and not inside a Jam already.
  if (status !== 'authenticated' || pathname.startsWith('/jam')) return null;
  return (
    <span className="jam-start">
      <button
        type="button"
        className="button"
        disabled={loading}
        onClick={async () => {
          setError(null);
          try {
            const { data } = await startJam({ variables: { songIds: [...songIds] } });
            if (data) router.push(`/jam/${data.startJam.id}`);
          } catch {
            setError('The Jam could not be started. Try again.');
          }
        }}
      >
        Start a Jam
      </button>
      {error ? (
        <span role="alert" className="form-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
