'use client';

import { useId, useState, type InputHTMLAttributes, type Ref } from 'react';

type NativeInputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'name' | 'type' | 'value' | 'onChange'
>;

export interface TextFieldProps extends NativeInputProps {
  name: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  type?: 'text' | 'email' | 'password';
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** For passwords: a show/hide toggle. */
  revealable?: boolean;
}

/**
 * A labelled input whose hint and error are announced with it (aria-describedby), marked
 * aria-invalid when it has an error. Errors are rendered as text, never only as colour.
 */
export function TextField({
  name,
  label,
  value,
  onValueChange,
  type = 'text',
  error,
  hint,
  optional,
  inputRef,
  revealable,
  className,
  ...rest
}: TextFieldProps) {
  const id = `${useId()}-${name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [revealed, setRevealed] = useState(false);
  const describedBy = [error ? errorId : undefined, hint ? hintId : undefined]
    .filter(Boolean)
    .join(' ');
  const effectiveType = type === 'password' && revealed ? 'text' : type;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {optional ? <span className="field__optional"> (optional)</span> : null}
      </label>
      <div className="field__control">
        <input
          {...rest}
          ref={inputRef}
          id={id}
          name={name}
          type={effectiveType}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          required={!optional}
          className={[
            'field__input',
            revealable ? 'field__input--with-toggle' : '',
            className ?? '',
          ]
            .filter(Boolean)
            .join(' ')}
        />
        {revealable && type === 'password' ? (
          <button
            type="button"
            className="field__toggle"
            aria-pressed={revealed}
            aria-controls={id}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? 'Hide' : 'Show'}
            <span className="visually-hidden"> password</span>
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
