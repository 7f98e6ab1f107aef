/** Small player icons (inline SVG, no icon font, no network). Decorative: buttons carry the names. */
const common = {
  viewBox: '0 0 24 24',
  'aria-hidden': true,
  focusable: false,
} as const;

export function PlayIcon() {
  return (
    <svg {...common} fill="currentColor">
      <path d="M8 5.14v13.72a1 1 0 0 0 1.52.85l10.6-6.86a1 1 0 0 0 0-1.7L9.52 4.29A1 1 0 0 0 8 5.14Z" />
    </svg>
  );
}

export function PauseIcon() {
  return (
    <svg {...common} fill="currentColor">
      <rect x="6" y="5" width="4.5" height="14" rx="1.2" />
      <rect x="13.5" y="5" width="4.5" height="14" rx="1.2" />
    </svg>
  );
}

export function NextIcon() {
  return (
    <svg {...common} fill="currentColor">
      <path d="M5 6.2v11.6a.9.9 0 0 0 1.38.76l8.9-5.8a.9.9 0 0 0 0-1.52l-8.9-5.8A.9.9 0 0 0 5 6.2Z" />
      <rect x="16.5" y="5" width="2.5" height="14" rx="1" />
    </svg>
  );
}

export function PreviousIcon() {
  return (
    <svg {...common} fill="currentColor">
      <path d="M19 6.2v11.6a.9.9 0 0 1-1.38.76l-8.9-5.8a.9.9 0 0 1 0-1.52l8.9-5.8A.9.9 0 0 1 19 6.2Z" />
      <rect x="5" y="5" width="2.5" height="14" rx="1" />
    </svg>
  );
}

export function MusicNoteIcon() {
  return (
    <svg {...common} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M9 18V5l11-2v13" />
      <circle cx="6" cy="18" r="3" />
      <circle cx="17" cy="16" r="3" />
    </svg>
  );
}
