import type { CommentNode } from './comment-model';

/**
 * How news about comments reaches the parts of a page that show them (the conversation, the
 * waveform markers). Today only the person's own actions are published (the conversation publishes
 * after each successful add / edit / delete); once the router carries subscriptions, a source that
 * listens to `commentAdded(targetType, targetId)` publishes into the same feed and every part of the
 * page updates without knowing where the news came from.
 */
export type CommentFeedEvent =
  | { kind: 'added'; comment: CommentNode; parentId: string | null }
  | { kind: 'updated'; comment: CommentNode }
  /** The person's own action changed things the page cannot patch locally: load again. */
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
