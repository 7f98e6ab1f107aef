import Link from 'next/link';

export default function PlaylistNotFound() {
  return (
    <section className="card status-panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">This playlist isn&apos;t here</h1>
      <p>It may be private, it may have been deleted, or the link has a typo.</p>
      <div className="form-actions">
        <Link href="/" className="button button--primary">
          Discover music
        </Link>
      </div>
    </section>
  );
}
