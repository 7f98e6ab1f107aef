'use client';

import { useCallback, useEffect, useReducer, useRef } from 'react';
import { formErrorsFromApolloError } from '@/graphql/apollo-errors';
import type { FormErrors } from '@/graphql/form-errors';
import type { CommentFeed } from './comment-feed';
import type { CommentNode, CommentOrder } from './comment-model';
import type { CommentTarget, ConversationClient, NewComment } from './conversation-client';
import {
  conversationReducer,
  initialConversationState,
  type CommentOp,
  type ConversationState,
} from './conversation-state';

/** Why an action was rolled back, as the comment shows it. */
const FAILURE_PREFIX: Record<CommentOp['kind'], string> = {
  like: 'Your like was not saved.',
  unlike: 'Your like was not removed.',
  edit: 'Your edit was not saved.',
  delete: 'The comment was not deleted.',
  report: 'Your report was not sent.',
};

function reason(error: unknown): string {
  const errors = formErrorsFromApolloError(error);
  return errors.form ?? Object.values(errors.fields)[0] ?? 'Please try again.';
}

export interface ConversationActions {
  loadMore(): void;
  retry(): void;
  setOrder(order: CommentOrder): void;
  toggleReplies(parentId: string): void;
  loadMoreReplies(parentId: string): void;
  /** Resolves to null when posted, or the errors to show in the composer. */
  add(comment: NewComment): Promise<FormErrors | null>;
  edit(id: string, body: string): void;
  remove(id: string): void;
  setLiked(id: string, liked: boolean): void;
  report(id: string, reason: string): void;
  dismissFailure(id: string): void;
}

/**
 * The conversation's state and actions: loads pages and replies through the client, applies the
 * person's actions optimistically (conversation-state.ts rolls back what fails), publishes what they
 * changed to the page's feed, and takes comments from the feed (its own posts and the live
 * subscription, use-live-comments.ts). The first page is loaded again after the person's own posts
 * and deletes, and after the subscription was away (`stale`); nothing polls.
 */
export function useConversation(
  client: ConversationClient,
  target: CommentTarget,
  feed: CommentFeed,
  initialOrder: CommentOrder,
): [ConversationState, ConversationActions] {
  const [state, dispatch] = useReducer(conversationReducer, initialOrder, initialConversationState);
  // The latest state for callbacks (updated after each commit, before the effects below run).
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  // Answers for an older list (the order changed meanwhile) are dropped.
  const generation = useRef(0);
  const opCounter = useRef(0);

  const loadPage = useCallback(
    async (mode: 'replace' | 'append' | 'refresh', order: CommentOrder) => {
      const current = stateRef.current;
      const after = mode === 'append' ? (current.pageInfo?.endCursor ?? null) : null;
      const mine = generation.current;
      if (mode !== 'refresh') dispatch({ type: 'pageRequested', more: mode === 'append' });
      try {
        const page = await client.comments(target, order, after);
        if (mine !== generation.current) return;
        dispatch({ type: 'pageLoaded', page, mode });
      } catch (error) {
        if (mine !== generation.current) return;
        if (mode !== 'refresh') dispatch({ type: 'pageFailed', message: reason(error) });
      }
    },
    [client, target],
  );

  const { type: targetType, id: targetId } = target;
  useEffect(() => {
    // A new list for a new target or order.
    generation.current += 1;
    void loadPage('replace', state.order);
  }, [targetType, targetId, state.order, loadPage]);

  useEffect(
    () =>
      feed.subscribe((event) => {
        if (event.kind === 'added')
          dispatch({
            type: 'commentAdded',
            comment: event.comment,
            parentId: event.parentId,
            live: event.live ?? false,
          });
        else if (event.kind === 'updated')
          dispatch({ type: 'commentUpdated', comment: event.comment });
        else void loadPage('refresh', stateRef.current.order);
      }),
    [feed, loadPage],
  );

  const loadReplies = useCallback(
    async (parentId: string, append: boolean) => {
      const replies = stateRef.current.replies[parentId];
      dispatch({ type: 'repliesRequested', parentId });
      try {
        const page = await client.replies(
          target,
          parentId,
          append ? (replies?.pageInfo?.endCursor ?? null) : null,
        );
        dispatch({ type: 'repliesLoaded', parentId, page, append });
      } catch (error) {
        dispatch({ type: 'repliesFailed', parentId, message: reason(error) });
      }
    },
    [client, target],
  );

  const optimistic = useCallback(
    (commentId: string, op: CommentOp, send: () => Promise<{ comment?: CommentNode }>) => {
      opCounter.current += 1;
      const opId = `op-${opCounter.current}`;
      dispatch({ type: 'opStarted', op: { opId, commentId, op } });
      send().then(
        ({ comment }) => {
          dispatch({ type: 'opSucceeded', opId, ...(comment ? { comment } : {}) });
          if (comment) feed.publish({ kind: 'updated', comment });
        },
        (error: unknown) =>
          dispatch({
            type: 'opFailed',
            opId,
            message: `${FAILURE_PREFIX[op.kind]} ${reason(error)}`,
          }),
      );
    },
    [feed],
  );

  const actions: ConversationActions = {
    loadMore: () => {
      const current = stateRef.current;
      if (current.loading || !current.pageInfo?.hasNextPage) return;
      void loadPage('append', current.order);
    },
    retry: () =>
      void loadPage(stateRef.current.pageInfo ? 'append' : 'replace', stateRef.current.order),
    setOrder: (order) => dispatch({ type: 'orderChanged', order }),
    toggleReplies: (parentId) => {
      const replies = stateRef.current.replies[parentId];
      if (replies?.expanded) dispatch({ type: 'repliesToggled', parentId, expanded: false });
      else if (replies?.pageInfo) dispatch({ type: 'repliesToggled', parentId, expanded: true });
      else if (!replies?.loading) void loadReplies(parentId, false);
    },
    loadMoreReplies: (parentId) => void loadReplies(parentId, true),
    add: async (comment) => {
      try {
        const added = await client.add(target, comment);
        feed.publish({ kind: 'added', comment: added, parentId: comment.parentId });
        // Others may have written meanwhile: the person sees the list as it now is.
        if (comment.parentId === null) void loadPage('refresh', stateRef.current.order);
        return null;
      } catch (error) {
        return formErrorsFromApolloError(error, { knownFields: ['body', 'atMs'] });
      }
    },
    edit: (id, body) =>
      optimistic(id, { kind: 'edit', body, editedAt: new Date().toISOString() }, async () => ({
        comment: await client.edit(id, body),
      })),
    remove: (id) =>
      optimistic(id, { kind: 'delete' }, async () => {
        await client.remove(id);
        const deleted = stateRef.current.comments[id];
        if (deleted)
          feed.publish({
            kind: 'updated',
            comment: { ...deleted, deleted: true, body: '', author: null },
          });
        return {};
      }),
    setLiked: (id, liked) =>
      optimistic(id, { kind: liked ? 'like' : 'unlike' }, async () => ({
        comment: await (liked ? client.like(id) : client.unlike(id)),
      })),
    report: (id, why) =>
      optimistic(id, { kind: 'report' }, async () => {
        await client.report(id, why);
        return {};
      }),
    dismissFailure: (id) => dispatch({ type: 'failureDismissed', commentId: id }),
  };

  return [state, actions];
}
