/** Shared body of every route segment's loading.tsx. */
export function PageLoading({
  label = 'Loading…',
  variant = 'card',
}: {
  label?: string;
  variant?: 'card' | 'page' | 'media';
}) {
  return (
    <div
      role="status"
      aria-live="polite"
      className={variant === 'card' ? 'auth-layout' : undefined}
    >
      <span className="visually-hidden">{label}</span>
      {variant === 'card' ? (
        <div className="skeleton auth-card" style={{ height: 420 }} aria-hidden="true" />
      ) : variant === 'media' ? (
        <div aria-hidden="true" style={{ display: 'grid', gap: '1.5rem' }}>
          <div className="media-header">
            <div className="skeleton cover cover--large" />
            <div style={{ display: 'grid', gap: '0.75rem', flex: 1, alignContent: 'end' }}>
              <div className="skeleton" style={{ height: 16, maxWidth: 80 }} />
              <div className="skeleton" style={{ height: 44, maxWidth: 420 }} />
              <div className="skeleton" style={{ height: 18, maxWidth: 260 }} />
            </div>
          </div>
          <div className="skeleton" style={{ height: 120 }} />
        </div>
      ) : (
        <div aria-hidden="true" style={{ display: 'grid', gap: '1.5rem' }}>
          <div className="skeleton" style={{ height: 56, maxWidth: 360 }} />
          <div className="skeleton" style={{ height: 220 }} />
          <div className="skeleton" style={{ height: 280 }} />
        </div>
      )}
    </div>
  );
}
