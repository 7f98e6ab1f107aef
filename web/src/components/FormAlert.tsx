import type { ReactNode, Ref } from 'react';

type Tone = 'error' | 'success' | 'warning';

const ICONS: Record<Tone, ReactNode> = {
  error: (
    <path d="M12 8v5m0 3.5h.01M10.3 3.9 2.4 17.5A2 2 0 0 0 4.1 20.5h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0Z" />
  ),
  warning: <path d="M12 8v5m0 3.5h.01M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" />,
  success: <path d="m8 12.5 2.5 2.5L16 9.5M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z" />,
};

/**
 * A form-level message. Errors use role="alert" so screen readers announce them; the element can take
 * focus (tabIndex -1) so forms move focus to it when there is no field to point at.
 */
export function FormAlert({
  tone = 'error',
  children,
  alertRef,
  id,
}: {
  tone?: Tone;
  children: ReactNode;
  alertRef?: Ref<HTMLDivElement>;
  id?: string;
}) {
  return (
    <div
      ref={alertRef}
      id={id}
      className={`alert alert--${tone}`}
      role={tone === 'success' ? 'status' : 'alert'}
      tabIndex={-1}
    >
      <svg
        className="alert__icon"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        {ICONS[tone]}
      </svg>
      <div>{typeof children === 'string' ? <p>{children}</p> : children}</div>
    </div>
  );
}
