'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommentFeed } from './comment-feed';
import type { CommentNode } from './comment-model';
import type { ConversationClient } from './conversation-client';
import { MARKER_COMMENT_CAP, timedComments, type TimedComment } from './waveform-markers';

/**
 * The timed comments of a song for its waveform: the TIMELINE order's first pages (at most
 * MARKER_COMMENT_CAP, so a song with thousands of comments costs a bounded load and bounded
 * markers), kept up to date from the page's feed (the person's own posts, edits and deletes, and what
 * others post, live; loaded again after the subscription was away). Loaded once per song; a failure leaves the waveform without markers.
 */
const EMPTY: ReadonlyMap<string, CommentNode> = new Map();

export function useTimedComments(
  client: ConversationClient,
  songId: string,
  feed: CommentFeed,
): TimedComment[] {
  // Keyed by song: another song's comments never show while its own load is on its way.
  const [loaded, setLoaded] = useState<{ songId: string; byId: ReadonlyMap<string, CommentNode> }>({
    songId,
    byId: new Map(),
  });
  const byId = loaded.songId === songId ? loaded.byId : EMPTY;
  const update = useCallback(
    (change: (current: ReadonlyMap<string, CommentNode>) => ReadonlyMap<string, CommentNode>) =>
      setLoaded((current) => {
        const base = current.songId === songId ? current.byId : EMPTY;
        const next = change(base);
        return next === base && current.songId === songId ? current : { songId, byId: next };
      }),
    [songId],
  );

  // Bumped when the feed says the page missed news (a resubscribe): the timeline loads again.
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let cancelled = false;
    client.timeline(songId, MARKER_COMMENT_CAP).then(
      (comments) => {
        if (cancelled) return;
        // Merged with whatever the feed brought while the load was on its way.
        update((current) => new Map([...comments.map((c) => [c.id, c] as const), ...current]));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, songId, update, reloads]);

  useEffect(
    () =>
      feed.subscribe((event) => {
        if (event.kind === 'stale') {
          setReloads((count) => count + 1);
          return;
        }
        const { comment } = event;
        if (event.kind === 'added' && (event.parentId !== null || comment.atMs === null)) return;
        update((current) => {
          if (event.kind === 'updated' && !current.has(comment.id)) return current;
          const next = new Map(current);
          next.set(comment.id, comment);
          return next;
        });
      }),
    [feed, update],
  );

  return useMemo(() => timedComments(byId.values()), [byId]);
}
