/** Shared body of every route segment's loading.tsx. */
export function PageLoading({
  label = 'Loading…',
  variant = 'card',
}: {
  label?: string;
  variant?: 'card' | 'page';
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
