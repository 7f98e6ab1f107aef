import Link from 'next/link';
import { auth } from '@/auth';

export default async function HomePage() {
  const session = await auth().catch(() => null);
  const name = session && !session.error ? session.user.displayName : undefined;
  return (
    <section className="hero" aria-labelledby="home-title">
      <div className="equalizer" aria-hidden="true">
        <span />
        <span />
        <span />
        <span />
        <span />
      </div>
      <h1 id="home-title">{name ? `Welcome back, ${name}.` : 'Music that moves with you.'}</h1>
      <p>
        Search and play will live here: the whole catalogue, typo-tolerant search, and Jam sessions
        with friends.
      </p>
      <div className="hero__search" aria-hidden="true">
        <svg
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        >
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        Songs, artists, albums… (coming soon)
      </div>
      <div className="form-actions">
        {name ? (
          <Link href="/account" className="button button--primary">
            Your account
          </Link>
        ) : (
          <>
            <Link href="/signup" className="button button--primary">
              Create a free account
            </Link>
            <Link href="/signin" className="button button--ghost">
              Sign in
            </Link>
          </>
        )}
      </div>
    </section>
  );
}
