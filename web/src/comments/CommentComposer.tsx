'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { FormAlert } from '@/components/FormAlert';
import type { FormErrors } from '@/graphql/form-errors';
import { usePlayer, usePlayerTime } from '@/player/PlayerProvider';
import {
  bodyLength,
  bodyProblem,
  counterText,
  isSendShortcut,
  NO_PIN,
  pinOnCompose,
  type PinState,
} from './comment-composer';
import { COMMENT_BODY_MAX } from './comment-model';
import { formatMoment, momentLabel } from './comment-time';

const NO_ERRORS: FormErrors = { fields: {} };

/** The song a composer may pin a timed comment to. */
export interface PinnableSong {
  songId: string;
  durationMs: number | null;
}

/**
 * While `song` is playing, the pin to its current position (see pinOnCompose). `capture` is called
 * when the person starts writing (focus, typing) and reads the player's latest time from a ref.
 */
function usePin(song: PinnableSong | null) {
  const player = usePlayer();
  const time = usePlayerTime();
  const live = useRef({ playingThisSong: false, positionMs: 0, durationMs: 0 });
  const playingThisSong = !!song && player.track?.id === song.songId && player.status === 'playing';
  useEffect(() => {
    live.current = {
      playingThisSong,
      positionMs: time.positionMs,
      durationMs: time.durationMs || song?.durationMs || 0,
    };
  });
  const [pin, setPin] = useState<PinState>(NO_PIN);
  return {
    atMs: song ? pin.atMs : null,
    capture: () => song && setPin((current) => pinOnCompose(current, live.current)),
    remove: () => setPin({ atMs: null, dismissed: true }),
    reset: () => setPin(NO_PIN),
  };
}

/**
 * The accessible comment box: a labelled textarea with a live character counter (to 2,000), Ctrl- or
 * ⌘-Enter to send, inline errors from the API (extensions.field `body` / `atMs`, else one message
 * for the form), read-only while sending. On a playing song it pins the comment to the moment the
 * person started writing (a removable chip "at 1:23").
 */
export function CommentComposer({
  label,
  submitLabel,
  initialBody = '',
  song = null,
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  initialBody?: string;
  song?: PinnableSong | null;
  autoFocus?: boolean;
  /** Resolves to null when sent (the box empties), or to the errors to show. */
  onSubmit: (body: string, atMs: number | null) => Promise<FormErrors | null>;
  onCancel?: () => void;
}) {
  const id = useId();
  const inputId = `${id}-body`;
  const counterId = `${id}-counter`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const [body, setBody] = useState(initialBody);
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [focusTick, setFocusTick] = useState(0);
  const pin = usePin(song);

  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, [autoFocus]);
  useEffect(() => {
    if (focusTick === 0) return;
    if (errors.fields.body) inputRef.current?.focus();
    else if (errors.form || errors.fields.atMs) alertRef.current?.focus();
  }, [focusTick, errors]);

  const counter = counterText(body);
  const over = bodyLength(body) > COMMENT_BODY_MAX;
  const nearLimit = COMMENT_BODY_MAX - bodyLength(body) <= 100;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (sending) return;
    const problem = bodyProblem(body);
    if (problem) {
      setErrors({
        fields: {
          body:
            problem === 'empty'
              ? 'Write something first.'
              : `Comments can be at most ${COMMENT_BODY_MAX.toLocaleString('en-US')} characters.`,
        },
      });
      setFocusTick((t) => t + 1);
      return;
    }
    setSending(true);
    setErrors(NO_ERRORS);
    const result = await onSubmit(body.trim(), pin.atMs);
    setSending(false);
    if (result) {
      setErrors(result);
      setFocusTick((t) => t + 1);
      return;
    }
    setBody('');
    pin.reset();
    inputRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isSendShortcut({ ...event, isComposing: event.nativeEvent.isComposing })) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  }

  const describedBy = [errors.fields.body ? errorId : null, counterId, hintId]
    .filter(Boolean)
    .join(' ');

  return (
    <form className="comment-composer" onSubmit={submit} aria-busy={sending} noValidate>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      <textarea
        ref={inputRef}
        id={inputId}
        name="body"
        className="field__input comment-composer__input"
        rows={3}
        value={body}
        readOnly={sending}
        aria-invalid={errors.fields.body ? true : undefined}
        aria-describedby={describedBy}
        onFocus={pin.capture}
        onChange={(event) => {
          setBody(event.target.value);
          pin.capture();
          if (errors.fields.body) setErrors((current) => ({ ...current, fields: {} }));
        }}
        onKeyDown={onKeyDown}
      />
      {errors.fields.body ? (
        <p id={errorId} className="field__error">
          {errors.fields.body}
        </p>
      ) : null}
      <div className="comment-composer__meta">
        {pin.atMs !== null ? (
          <span className="comment-chip">
            <span>{momentLabel(pin.atMs)}</span>
            <button
              type="button"
              className="comment-chip__remove"
              aria-label={`Remove the time ${formatMoment(pin.atMs)}`}
              onClick={pin.remove}
              disabled={sending}
            >
              <span aria-hidden="true">×</span>
            </button>
          </span>
        ) : null}
        <span
          id={counterId}
          className="comment-composer__counter"
          data-over={over ? 'true' : undefined}
        >
          {counter.visible}
          <span className="visually-hidden"> characters, {counter.spoken}</span>
        </span>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {over || nearLimit ? counter.spoken : ''}
      </p>
      {errors.form || errors.fields.atMs ? (
        <FormAlert alertRef={alertRef}>
          {[errors.fields.atMs, errors.form].filter(Boolean).join(' ')}
        </FormAlert>
      ) : null}
      <div className="comment-composer__actions">
        <span id={hintId} className="field__hint comment-composer__hint">
          Ctrl+Enter or ⌘+Enter to send
        </span>
        {onCancel ? (
          <button type="button" className="button button--ghost button--small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={sending}
          aria-disabled={sending}
        >
          {sending ? (
            <>
              <span className="spinner" aria-hidden="true" />
              Sending…
            </>
          ) : (
            submitLabel
          )}
        </button>
      </div>
    </form>
  );
}
