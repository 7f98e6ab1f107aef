import Link from 'next/link';

export default function SongNotFound() {
  return (
    <section className="card status-panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">This song isn&apos;t here</h1>
      <p>It may have been removed by the person who uploaded it, or the link has a typo.</p>
      <div className="form-actions">
        <Link href="/" className="button button--primary">
          Discover music
        </Link>
      </div>
    </section>
  );
}
