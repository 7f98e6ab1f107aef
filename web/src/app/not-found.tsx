import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="card status-panel" aria-labelledby="not-found-title">
      <h1 id="not-found-title">This track doesn&apos;t exist</h1>
      <p>The page you are looking for is not here. Maybe it was moved, or the link has a typo.</p>
      <div className="form-actions">
        <Link href="/" className="button button--primary">
          Go home
        </Link>
      </div>
    </section>
  );
}
