import Link from 'next/link';

export default function UserNotFound() {
  return (
    <section className="card status-panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">This person isn&apos;t here</h1>
      <p>The link may have a typo.</p>
      <div className="form-actions">
        <Link href="/" className="button button--primary">
          Discover music
        </Link>
      </div>
    </section>
  );
}
