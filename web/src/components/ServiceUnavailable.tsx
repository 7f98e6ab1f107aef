import Link from 'next/link';
import { SERVICE_UNAVAILABLE_MESSAGE } from '@/graphql/form-errors';

/** Rendered by server components when the router cannot be reached (instead of crashing). */
export function ServiceUnavailable({ retryHref }: { retryHref: string }) {
  return (
    <section className="card status-panel" aria-labelledby="unavailable-title">
      <h1 id="unavailable-title">Service unavailable</h1>
      <p>{SERVICE_UNAVAILABLE_MESSAGE}</p>
      <div className="form-actions">
        <a href={retryHref} className="button button--primary">
          Try again
        </a>
        <Link href="/" className="button button--ghost">
          Go home
        </Link>
      </div>
    </section>
  );
}
