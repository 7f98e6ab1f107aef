'use client';

import { useEffect, useRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useMutation } from '@apollo/client/react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import { JOIN_JAM_MUTATION } from './jam.operations';

export function JoinJam({ code }: { code: string }) {
  const router = useRouter();
  const [joinJam] = useMutation(JOIN_JAM_MUTATION);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(false);

  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    joinJam({ variables: { code } }).then(
      ({ data }) => {
        if (data) router.replace(`/jam/${data.joinJam.id}`);
      },
      (e: unknown) => {
        const errors = formErrorsFromApolloError(e);
        setError(errors.form ?? Object.values(errors.fields)[0] ?? 'This Jam could not be joined.');
      },
    );
  }, [code, joinJam, router]);

  return (
    <section className="jam-join" aria-live="polite">
      <h1>Joining the Jam {code}</h1>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : (
        <p>One moment…</p>
      )}
    </section>
  );
}
