'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { createCommentFeed, type CommentFeed } from './comment-feed';

const CommentFeedContext = createContext<CommentFeed | null>(null);

/**
 * One comment feed for a page whose parts show the same comments (the song page: the conversation
 * and the waveform markers). A subscription source added later publishes into it as well.
 */
export function CommentFeedProvider({ children }: { children: ReactNode }) {
  const [feed] = useState(createCommentFeed);
  return <CommentFeedContext.Provider value={feed}>{children}</CommentFeedContext.Provider>;
}

/** The page's feed, or one of the component's own when it is used alone (an album, a playlist). */
export function useCommentFeed(): CommentFeed {
  const shared = useContext(CommentFeedContext);
  const [own] = useState(createCommentFeed);
  return shared ?? own;
}
