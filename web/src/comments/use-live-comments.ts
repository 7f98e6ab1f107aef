'use client';

import { useApolloClient } from '@apollo/client/react';
import { useEffect } from 'react';
import type { SubscriptionLinkContext } from '@/graphql/subscription-link';
import type { CommentFeed } from './comment-feed';
import type { CommentTarget } from './conversation-client';
import { COMMENT_ADDED_SUBSCRIPTION } from './comments.operations';

/**
 * Listens to `commentAdded(targetType, targetId)` through the router while the page shows the
 * target, and publishes what arrives into the page's feed: `added` (live) for each comment or reply,
 * and `stale` each time the subscription is sent again after a dropped socket or a retry (comments
 * posted meanwhile were not delivered: the conversation reloads its first page, the markers their
 * timeline). Signed-out readers listen too. A refused subscription (the target is gone: NOT_FOUND)
 * ends quietly; the page already says so from its own load.
 */
export function useLiveComments(target: CommentTarget, feed: CommentFeed): void {
  const apollo = useApolloClient();
  const { type: targetType, id: targetId } = target;
  useEffect(() => {
    if (typeof window === 'undefined') return;
    const context: SubscriptionLinkContext = {
      onResubscribe: () => feed.publish({ kind: 'stale' }),
    };
    const subscription = apollo
      .subscribe({
        query: COMMENT_ADDED_SUBSCRIPTION,
        variables: { targetType, targetId },
        context,
        fetchPolicy: 'no-cache',
      })
      .subscribe({
        next: ({ data }) => {
          const comment = data?.commentAdded;
          if (!comment) return;
          const { parent, ...node } = comment;
          feed.publish({ kind: 'added', comment: node, parentId: parent?.id ?? null, live: true });
        },
        error: () => undefined,
      });
    return () => subscription.unsubscribe();
  }, [apollo, feed, targetType, targetId]);
}
