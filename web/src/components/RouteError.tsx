'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';

/** Shared body of every route segment's error.tsx: friendly, focusable, with a retry. */
export function RouteError({
  error,
  reset,
  title,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  title?: string;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    console.error(error);
    headingRef.current?.focus();
  }, [error]);
  return (
    <section className="card status-panel" role="alert" aria-labelledby="route-error-title">
      <h1 id="route-error-title" ref={headingRef} tabIndex={-1}>
        {title ?? 'Something went off-beat'}
      </h1>
      <p>
        We could not load this page. Groovy&apos;s servers may be briefly unavailable. Please try
        again in a moment.
      </p>
      {error.digest ? <p className="field__hint">Reference: {error.digest}</p> : null}
      <div className="form-actions">
        <button type="button" className="button button--primary" onClick={() => reset()}>
          Try again
        </button>
        <Link href="/" className="button button--ghost">
          Go home
        </Link>
      </div>
    </section>
  );
}
