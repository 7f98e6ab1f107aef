import type { CommentNode } from './comment-model';

/**
 * How news about comments reaches the parts of a page that show them (the conversation, the
 * waveform markers). Two sources publish into it: the person's own actions (the conversation
 * publishes after each successful add / edit / delete) and the live subscription
 * `commentAdded(targetType, targetId)` (use-live-comments.ts: what others post, and `stale` after a
 * resubscribe); every part of the page updates without knowing where the news came from. The same
 * comment may arrive from both (your own post comes back live): consumers take an `added` comment
 * they already know as an update.
 */
export type CommentFeedEvent =
  | {
      kind: 'added';
      comment: CommentNode;
      parentId: string | null;
      /** From the subscription (someone else, or your own coming back), not your own action. */
      live?: boolean;
    }
  | { kind: 'updated'; comment: CommentNode }
  /**
   * Things changed that the page cannot patch locally (the person's own action, or a subscription
   * that was away for a while and may have missed comments): load again.
   */
  | { kind: 'stale' };

export type CommentFeedListener = (event: CommentFeedEvent) => void;

export interface CommentFeed {
  publish(event: CommentFeedEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: CommentFeedListener): () => void;
}

export function createCommentFeed(): CommentFeed {
  const listeners = new Set<CommentFeedListener>();
  return {
    publish(event) {
      for (const listener of [...listeners]) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
