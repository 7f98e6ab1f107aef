'use client';

import { useId, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { formatDateTime } from '@/format/dates';
import { CommentAvatar } from './CommentAvatar';
import { CommentBody } from './CommentBody';
import { CommentComposer } from './CommentComposer';
import type { CommentNode } from './comment-model';
import { canDelete, canEdit, canLike, canReport, type Viewer } from './comment-permissions';
import { formatMoment, momentLabel, spokenMoment, timeAgo } from './comment-time';
import type { ConversationActions } from './use-conversation';

/** What a person may give as the reason of a report (sent as `reason`). */
export const REPORT_REASONS = [
  'Spam or advertising',
  'Harassment or hate',
  'Sexual or violent content',
  'Something else',
] as const;

type Mode = 'view' | 'edit' | 'confirm-delete' | 'report';

function ReportForm({
  onReport,
  onCancel,
}: {
  onReport: (reason: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [reason, setReason] = useState<string>(REPORT_REASONS[0]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onReport(reason);
  };
  return (
    <form className="comment__inline-form" onSubmit={submit}>
      <label className="field__label" htmlFor={`${id}-reason`}>
        Why are you reporting this comment?
      </label>
      <select
        id={`${id}-reason`}
        className="field__input comment__select"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      >
        {REPORT_REASONS.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </select>
      <div className="comment__inline-actions">
        <button type="submit" className="button button--danger button--small">
          Send report
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * One comment: author, moment (a button that plays the song from there), age, "edited", its text
 * with safe links — or the "comment deleted" / hidden placeholder — and the actions the viewer may
 * take (like, reply, edit within 15 minutes, delete with a confirmation, report with a reason).
 * A rolled-back action's message shows under it until dismissed.
 */
export function CommentItem({
  comment,
  viewer,
  now,
  reported,
  likePending,
  failure,
  actions,
  onReply,
  onSeek,
}: {
  comment: CommentNode;
  viewer: Viewer;
  now: number;
  reported: boolean;
  likePending: boolean;
  failure: string | undefined;
  actions: Pick<ConversationActions, 'edit' | 'remove' | 'setLiked' | 'report' | 'dismissFailure'>;
  onReply?: (() => void) | undefined;
  onSeek?: ((atMs: number) => void) | undefined;
}) {
  const id = useId();
  const [mode, setMode] = useState<Mode>('view');
  const author = comment.author?.displayName ?? (comment.deleted ? 'Deleted comment' : 'Someone');
  const editable = canEdit(comment, viewer, now);
  const shownMode = mode === 'edit' && !editable ? 'view' : mode;

  let content;
  if (comment.deleted) {
    content = <p className="comment__placeholder">comment deleted</p>;
  } else if (comment.hidden && comment.body === '') {
    content = <p className="comment__placeholder">This comment was hidden by moderation.</p>;
  } else if (shownMode === 'edit') {
    content = (
      <CommentComposer
        label="Edit your comment"
        submitLabel="Save"
        initialBody={comment.body}
        autoFocus
        onCancel={() => setMode('view')}
        onSubmit={async (body) => {
          actions.edit(comment.id, body);
          setMode('view');
          return null;
        }}
      />
    );
  } else {
    content = <CommentBody body={comment.body} />;
  }

  return (
    <article
      className="comment"
      aria-labelledby={`${id}-author`}
      data-comment-id={comment.id}
      data-deleted={comment.deleted ? 'true' : undefined}
      data-hidden={comment.hidden ? 'true' : undefined}
    >
      <CommentAvatar author={comment.author} />
      <div className="comment__main">
        <header className="comment__header">
          <span id={`${id}-author`} className="comment__author">
            {comment.author ? (
              <Link href={`/users/${comment.author.id}`} className="comment__author-link">
                {author}
              </Link>
            ) : (
              author
            )}
          </span>
          {comment.atMs !== null ? (
            onSeek ? (
              <button
                type="button"
                className="comment__moment"
                title={`Play from ${formatMoment(comment.atMs)}`}
                onClick={() => onSeek(comment.atMs!)}
              >
                {momentLabel(comment.atMs)}
                <span className="visually-hidden">, play from there</span>
              </button>
            ) : (
              <span className="comment__moment" title={spokenMoment(comment.atMs)}>
                {momentLabel(comment.atMs)}
              </span>
            )
          ) : null}
          <time
            className="comment__time"
            dateTime={comment.createdAt}
            title={formatDateTime(comment.createdAt)}
          >
            {now > 0 ? timeAgo(comment.createdAt, now) : formatDateTime(comment.createdAt)}
          </time>
          {comment.editedAt && !comment.deleted ? (
            <span className="comment__edited" title={`Edited ${formatDateTime(comment.editedAt)}`}>
              edited
            </span>
          ) : null}
          {comment.hidden ? <span className="badge comment__hidden-badge">hidden</span> : null}
        </header>

        {content}
        {comment.hidden && comment.body !== '' && !comment.deleted ? (
          <p className="field__hint">Hidden by moderation: only you and moderators can see it.</p>
        ) : null}

        {shownMode === 'view' && !comment.deleted ? (
          <div className="comment__actions">
            {canLike(comment, viewer) ? (
              <button
                type="button"
                className="comment__action comment__like"
                aria-pressed={comment.likedByMe}
                disabled={likePending}
                onClick={() => actions.setLiked(comment.id, !comment.likedByMe)}
              >
                <span aria-hidden="true">{comment.likedByMe ? '♥' : '♡'}</span> Like
                {comment.likeCount > 0 ? (
                  <span className="comment__count"> {comment.likeCount}</span>
                ) : null}
              </button>
            ) : comment.likeCount > 0 ? (
              <span className="comment__likes">
                {comment.likeCount} like{comment.likeCount === 1 ? '' : 's'}
              </span>
            ) : null}
            {onReply ? (
              <button type="button" className="comment__action" onClick={onReply}>
                Reply
              </button>
            ) : null}
            {editable ? (
              <button type="button" className="comment__action" onClick={() => setMode('edit')}>
                Edit
              </button>
            ) : null}
            {canDelete(comment, viewer) ? (
              <button
                type="button"
                className="comment__action"
                onClick={() => setMode('confirm-delete')}
              >
                Delete
              </button>
            ) : null}
            {reported ? (
              <span className="comment__reported">Reported</span>
            ) : canReport(comment, viewer) ? (
              <button type="button" className="comment__action" onClick={() => setMode('report')}>
                Report
              </button>
            ) : null}
          </div>
        ) : null}

        {shownMode === 'confirm-delete' && !comment.deleted ? (
          <div className="comment__inline-form" role="group" aria-label="Delete this comment?">
            <p className="comment__confirm">
              Delete this comment? Its replies stay, under a “comment deleted” note.
            </p>
            <div className="comment__inline-actions">
              <button
                type="button"
                className="button button--danger-solid button--small"
                onClick={() => {
                  actions.remove(comment.id);
                  setMode('view');
                }}
              >
                Delete comment
              </button>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setMode('view')}
              >
                Cancel
              </button>
            </div>
          </div>
        ) : null}

        {shownMode === 'report' ? (
          <ReportForm
            onCancel={() => setMode('view')}
            onReport={(reason) => {
              actions.report(comment.id, reason);
              setMode('view');
            }}
          />
        ) : null}

        {failure ? (
          <div className="comment__failure" role="alert">
            <span>{failure}</span>
            <button
              type="button"
              className="comment__action"
              onClick={() => actions.dismissFailure(comment.id)}
            >
              Dismiss
            </button>
          </div>
        ) : null}
      </div>
    </article>
  );
}
