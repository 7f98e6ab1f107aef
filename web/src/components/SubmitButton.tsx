import type { ReactNode } from 'react';

export function SubmitButton({
  pending,
  children,
  pendingLabel,
  variant = 'primary',
  block,
  small,
  disabled,
}: {
  pending: boolean;
  /** Disabled for another reason than a pending submit (e.g. rate limited). */
  disabled?: boolean;
  children: ReactNode;
  pendingLabel: string;
  variant?: 'primary' | 'ghost' | 'danger';
  block?: boolean;
  small?: boolean;
}) {
  const classes = [
    'button',
    `button--${variant}`,
    block ? 'button--block' : '',
    small ? 'button--small' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="submit"
      className={classes}
      disabled={pending || disabled}
      aria-disabled={pending || disabled}
    >
      {pending ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </button>
  );
}
