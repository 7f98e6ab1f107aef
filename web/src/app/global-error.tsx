'use client';

import './globals.css';

/** Last resort when the root layout itself fails: no header, no providers. */
export default function GlobalError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <html lang="en">
      <body>
        <main className="site-main">
          <section className="card status-panel" role="alert">
            <h1>Groovy hit a wrong note</h1>
            <p>Something went wrong while loading the site. Please try again in a moment.</p>
            <div className="form-actions">
              <button type="button" className="button button--primary" onClick={() => reset()}>
                Try again
              </button>
            </div>
          </section>
        </main>
      </body>
    </html>
  );
}
