/** The Groovy mark: a vinyl-ish disc with an equaliser. Inline SVG, no network. */
export function LogoMark({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="groovy-logo-gradient" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#8b5cf6" />
          <stop offset="0.55" stopColor="#d946ef" />
          <stop offset="1" stopColor="#ec4899" />
        </linearGradient>
      </defs>
      <rect width="40" height="40" rx="11" fill="url(#groovy-logo-gradient)" />
      <rect x="9" y="17" width="4" height="12" rx="2" fill="#fff" />
      <rect x="15.5" y="11" width="4" height="18" rx="2" fill="#fff" />
      <rect x="22" y="14" width="4" height="15" rx="2" fill="#fff" opacity="0.9" />
      <rect x="28.5" y="20" width="4" height="9" rx="2" fill="#fff" opacity="0.8" />
    </svg>
  );
}
