'use client';

import { useId, useState } from 'react';
import type { FormErrors } from '@/graphql/form-errors';
import { CommentComposer } from './CommentComposer';
import { CommentItem } from './CommentItem';
import type { CommentNode } from './comment-model';
import { canReply, type Viewer } from './comment-permissions';
import {
  isPending,
  isReported,
  repliesOf,
  visibleComment,
  type ConversationState,
} from './conversation-state';
import type { ConversationActions } from './use-conversation';

export function replyCountLabel(count: number): string {
  return `${count} ${count === 1 ? 'reply' : 'replies'}`;
}

/**
 * A top-level comment with its replies folded under "n replies" (expanding loads them, oldest first,
 * with "More replies" for the next page) and a reply box. Replies are one level deep: replying to a
 * reply answers in the same thread.
 */
export function CommentThread({
  commentId,
  state,
  actions,
  viewer,
  now,
  onSeek,
}: {
  commentId: string;
  state: ConversationState;
  actions: ConversationActions;
  viewer: Viewer;
  now: number;
  onSeek?: ((atMs: number) => void) | undefined;
}) {
  const id = useId();
  const [replyingTo, setReplyingTo] = useState<CommentNode | null>(null);
  const comment = visibleComment(state, commentId);
  if (!comment) return null;
  const replies = state.replies[commentId];
  const expanded = !!replies?.expanded;
  const shown = expanded ? repliesOf(state, commentId) : [];
  const repliesId = `${id}-replies`;

  const item = (c: CommentNode, isReply: boolean) => (
    <CommentItem
      comment={c}
      viewer={viewer}
      now={now}
      reported={isReported(state, c.id)}
      likePending={isPending(state, c.id, ['like', 'unlike'])}
      failure={state.failures[c.id]}
      actions={actions}
      onSeek={isReply ? undefined : onSeek}
      onReply={canReply(comment, viewer) ? () => setReplyingTo(c) : undefined}
    />
  );

  const sendReply = async (body: string): Promise<FormErrors | null> => {
    const errors = await actions.add({ body, atMs: null, parentId: commentId });
    if (!errors) setReplyingTo(null);
    return errors;
  };

  return (
    <li className="comment-thread">
      {item(comment, false)}
      {comment.replyCount > 0 || (replies?.ids.length ?? 0) > 0 ? (
        <button
          type="button"
          className="comment-thread__toggle"
          aria-expanded={expanded}
          aria-controls={repliesId}
          onClick={() => actions.toggleReplies(commentId)}
          disabled={!!replies?.loading && !expanded}
        >
          {replies?.loading && !expanded
            ? 'Loading replies…'
            : expanded
              ? 'Hide replies'
              : replyCountLabel(comment.replyCount)}
        </button>
      ) : null}
      {replies?.error ? (
        <p className="field__error" role="alert">
          {replies.error}
        </p>
      ) : null}
      <ol
        id={repliesId}
        className="comment-replies"
        aria-label={`Replies to ${comment.author?.displayName ?? 'a deleted comment'}`}
        hidden={!expanded || shown.length === 0}
      >
        {shown.map((reply) => (
          <li key={reply.id}>{item(reply, true)}</li>
        ))}
      </ol>
      {expanded && replies?.pageInfo?.hasNextPage ? (
        <button
          type="button"
          className="comment-thread__toggle"
          onClick={() => actions.loadMoreReplies(commentId)}
          disabled={replies.loading}
        >
          {replies.loading ? 'Loading replies…' : 'More replies'}
        </button>
      ) : null}
      {replyingTo ? (
        <div className="comment-thread__reply">
          <CommentComposer
            label={`Reply to ${replyingTo.author?.displayName ?? 'this comment'}`}
            submitLabel="Reply"
            autoFocus
            onCancel={() => setReplyingTo(null)}
            onSubmit={sendReply}
          />
        </div>
      ) : null}
    </li>
  );
}
