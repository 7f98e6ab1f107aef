'use client';

import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import Link from 'next/link';
import { useSession } from 'next-auth/react';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { signInRedirectPath } from '@/auth/protected-routes';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { formatDate } from '@/format/dates';
import { formErrorsFromApolloError, isUnauthenticated } from '@/graphql/apollo-errors';
import {
  HIDE_COMMENT_MUTATION,
  MODERATION_PAGE_SIZE,
  MODERATION_QUEUE_QUERY,
  UNHIDE_COMMENT_MUTATION,
} from './moderation.operations';
import {
  initialModerationQueueState,
  moderationQueueReducer,
  targetHref,
  targetLabel,
  type QueueEntry,
  type QueueRefusal,
} from './moderation-queue-state';

const PATH = '/moderation';

function isForbidden(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.['code'] === 'FORBIDDEN')
  );
}

function refusalOf(error: unknown): QueueRefusal {
  if (isUnauthenticated(error)) return 'signed-out';
  if (isForbidden(error)) return 'not-moderator';
  return 'unavailable';
}

function reason(error: unknown): string {
  const errors = formErrorsFromApolloError(error);
  return errors.form ?? Object.values(errors.fields)[0] ?? 'Please try again.';
}

/**
 * The moderators' queue: reported comments waiting for a decision, newest report first, with their
 * reasons; Hide / Unhide on each, "Load more" for the next page. Whether the viewer moderates is the
 * router's word (the MODERATOR role in the access token): the page asks for the queue and shows a
 * clear message when it is refused (signed out: a way to sign in; FORBIDDEN: not a moderator).
 */
export function ModerationQueue() {
  const { status } = useSession();
  const apollo = useApolloClient();
  const [state, dispatch] = useReducer(moderationQueueReducer, initialModerationQueueState);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });

  const loadPage = useCallback(
    async (append: boolean) => {
      dispatch({ type: 'pageRequested' });
      try {
        const { data } = await apollo.query({
          query: MODERATION_QUEUE_QUERY,
          variables: {
            first: MODERATION_PAGE_SIZE,
            after: append ? stateRef.current.endCursor : null,
          },
          fetchPolicy: 'no-cache',
        });
        const queue = data?.moderationQueue;
        if (!queue) throw new Error('no moderation queue in the answer');
        dispatch({
          type: 'pageLoaded',
          append,
          page: {
            entries: queue.edges.map((edge): QueueEntry => ({
              cursor: edge.cursor,
              reportCount: edge.reportCount,
              reasons: edge.reasons,
              lastReportedAt: edge.lastReportedAt ?? null,
              comment: edge.node,
            })),
            hasNextPage: queue.pageInfo.hasNextPage,
            endCursor: queue.pageInfo.endCursor ?? null,
            totalCount: queue.totalCount,
          },
        });
      } catch (error) {
        dispatch({ type: 'pageFailed', refusal: refusalOf(error), message: reason(error) });
      }
    },
    [apollo],
  );

  useEffect(() => {
    if (status === 'authenticated') void loadPage(false);
  }, [status, loadPage]);

  const decide = useCallback(
    async (commentId: string, hide: boolean) => {
      dispatch({ type: 'decisionStarted', commentId });
      try {
        const { data } = hide
          ? await apollo.mutate({
              mutation: HIDE_COMMENT_MUTATION,
              variables: { id: commentId },
              fetchPolicy: 'no-cache',
            })
          : await apollo.mutate({
              mutation: UNHIDE_COMMENT_MUTATION,
              variables: { id: commentId },
              fetchPolicy: 'no-cache',
            });
        const comment =
          data && 'hideComment' in data
            ? data.hideComment
            : data && 'unhideComment' in data
              ? data.unhideComment
              : null;
        if (!comment) throw new Error('no comment in the answer');
        dispatch({ type: 'decisionSucceeded', comment });
      } catch (error) {
        dispatch({
          type: 'decisionFailed',
          commentId,
          message: `${hide ? 'The comment was not hidden.' : 'The comment was not shown again.'} ${reason(error)}`,
        });
      }
    },
    [apollo],
  );

  if (status === 'loading') return <p role="status">Loading…</p>;
  const refusal = status === 'unauthenticated' ? 'signed-out' : state.refusal;
  if (refusal === 'signed-out')
    return (
      <div className="moderation__message" role="status">
        <p>The moderation queue is for moderators. Sign in with a moderator account to see it.</p>
        <p>
          <Link className="button" href={signInRedirectPath(PATH)}>
            Sign in
          </Link>
        </p>
      </div>
    );
  if (refusal === 'not-moderator')
    return (
      <div className="moderation__message" role="status">
        <p>
          Only moderators can see the moderation queue, and your account does not hold the moderator
          role. If you should have it, ask an operator to grant it, then sign in again.
        </p>
        <p>
          <Link href="/">Back to the home page</Link>
        </p>
      </div>
    );
  if (refusal === 'unavailable')
    return (
      <div className="moderation__message" role="alert">
        <p>The moderation queue could not be loaded. {state.error ?? ''}</p>
        <button type="button" className="button" onClick={() => void loadPage(false)}>
          Try again
        </button>
      </div>
    );
  if (!state.loaded) return <p role="status">Loading the queue…</p>;

  return (
    <>
      <p className="moderation__summary">
        {state.totalCount === 0
          ? 'Nothing is waiting for a decision.'
          : `${state.totalCount} ${state.totalCount === 1 ? 'comment is' : 'comments are'} waiting for a decision.`}
      </p>
      {state.entries.length > 0 ? (
        <ol className="moderation-queue" aria-label="Reported comments">
          {state.entries.map((entry) => (
            <ModerationEntry
              key={entry.comment.id}
              entry={entry}
              pending={!!state.pending[entry.comment.id]}
              failure={state.failures[entry.comment.id]}
              onDecide={(hide) => void decide(entry.comment.id, hide)}
            />
          ))}
        </ol>
      ) : null}
      <LoadMoreFooter
        hasNextPage={state.hasNextPage}
        pending={state.loading}
        loaded={state.entries.length}
        totalCount={state.totalCount}
        error={state.error}
        announcement={state.loading ? 'Loading more reported comments' : ''}
        onLoadMore={() => void loadPage(true)}
      />
    </>
  );
}

function ModerationEntry({
  entry,
  pending,
  failure,
  onDecide,
}: {
  entry: QueueEntry;
  pending: boolean;
  failure: string | undefined;
  onDecide: (hide: boolean) => void;
}) {
  const { comment } = entry;
  const href = targetHref(comment.targetType, comment.targetId);
  const author = comment.deleted ? 'a deleted comment' : (comment.author?.displayName ?? 'someone');
  const headingId = `moderation-${comment.id}`;
  return (
    <li
      className="moderation-entry"
      data-comment-id={comment.id}
      data-hidden={comment.hidden ? 'true' : undefined}
    >
      <article aria-labelledby={headingId}>
        <h2 id={headingId} className="moderation-entry__heading">
          {`Comment by ${author} on `}
          {href ? (
            <Link href={href}>{targetLabel(comment.targetType)}</Link>
          ) : (
            targetLabel(comment.targetType)
          )}
        </h2>
        <p className="moderation-entry__state">
          {comment.deleted ? 'Deleted' : comment.hidden ? 'Hidden' : 'Visible'}
          {' · '}
          {`${entry.reportCount} ${entry.reportCount === 1 ? 'report' : 'reports'}`}
          {entry.lastReportedAt ? (
            <>
              {', last '}
              <time dateTime={entry.lastReportedAt}>{formatDate(entry.lastReportedAt)}</time>
            </>
          ) : null}
        </p>
        <blockquote className="moderation-entry__body">
          {comment.body || <em>(no text)</em>}
        </blockquote>
        {entry.reasons.length > 0 ? (
          <>
            <h3 className="moderation-entry__reasons-heading">What reporters said</h3>
            <ul className="moderation-entry__reasons">
              {entry.reasons.map((reasonText, index) => (
                <li key={index}>{reasonText}</li>
              ))}
            </ul>
          </>
        ) : null}
        {comment.deleted ? null : (
          <button
            type="button"
            className="button button--ghost"
            onClick={() => onDecide(!comment.hidden)}
            disabled={pending}
            aria-disabled={pending}
          >
            {pending ? 'Saving…' : comment.hidden ? 'Unhide' : 'Hide'}
          </button>
        )}
        {failure ? (
          <p className="field__error" role="alert">
            {failure}
          </p>
        ) : null}
      </article>
    </li>
  );
}
