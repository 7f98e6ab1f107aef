'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSession } from 'next-auth/react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { signInRedirectPath } from '@/auth/protected-routes';
import { LoadMoreFooter } from '@/components/LoadMoreFooter';
import { usePlayer } from '@/player/PlayerProvider';
import type { PlayerTrack } from '@/player/track';
import { CommentComposer } from './CommentComposer';
import { CommentThread } from './CommentThread';
import { useCommentFeed } from './CommentFeedProvider';
import type { CommentOrder, CommentTargetType } from './comment-model';
import type { Viewer } from './comment-permissions';
import type { CommentTarget } from './conversation-client';
import { useConversation } from './use-conversation';
import { useConversationClient } from './use-conversation-client';
import { useLiveComments } from './use-live-comments';
import { useNow } from './use-now';

const ORDER_LABELS: Record<CommentOrder, string> = {
  NEWEST: 'Newest first',
  OLDEST: 'Oldest first',
  TIMELINE: 'By time in the song',
};

/**
 * The conversation under a song, album or playlist: the comment box (or, signed out, "Sign in to
 * comment" with a way back), the threads newest first (or oldest first, or — on a song — in the order
 * of the song), "Load more". Drop it under any page:
 *
 *   <Conversation targetType="PLAYLIST" targetId={playlist.id} ownerId={playlist.owner.id} />
 *
 * On a song, pass its `track`: comments written while it plays are pinned to the moment, and a
 * comment's "at 1:23" plays from there. Wrap the page in <CommentFeedProvider> to share news with the
 * song's waveform markers.
 */
export function Conversation({
  targetType,
  targetId,
  ownerId = null,
  track = null,
  heading = 'Comments',
}: {
  targetType: CommentTargetType;
  targetId: string;
  /** The target's owner (song uploader, playlist owner), who may delete any comment on it. */
  ownerId?: string | null;
  /** The song as the player knows it (SONG targets): enables timed comments. */
  track?: PlayerTrack | null;
  heading?: string;
}) {
  const headingId = useId();
  const orderId = useId();
  const pathname = usePathname();
  const { data: session } = useSession();
  const userId = session && !session.error ? session.user.id : null;
  const viewer: Viewer = useMemo(
    () => ({ userId, isTargetOwner: userId !== null && ownerId === userId }),
    [userId, ownerId],
  );
  const timed = targetType === 'SONG' && track !== null;
  const client = useConversationClient();
  const feed = useCommentFeed();
  const target: CommentTarget = useMemo(
    () => ({ type: targetType, id: targetId }),
    [targetType, targetId],
  );
  const [state, actions] = useConversation(client, target, feed, 'NEWEST');
  // What others post appears live, for signed-out readers too.
  useLiveComments(target, feed);
  const now = useNow();
  const player = usePlayer();

  const onSeek = useCallback(
    (atMs: number) => {
      if (!track) return;
      if (player.track?.id === track.id) player.seek(atMs);
      else player.playTrack(track, { startAtMs: atMs });
    },
    [player, track],
  );

  // "n more comments loaded" for screen readers after Load more.
  const [announcement, setAnnouncement] = useState('');
  const loadedBefore = useRef(0);
  useEffect(() => {
    if (state.loading === 'more') loadedBefore.current = state.topIds.length;
    else if (loadedBefore.current > 0) {
      const more = state.topIds.length - loadedBefore.current;
      loadedBefore.current = 0;
      if (more > 0) setAnnouncement(`${more} more comment${more === 1 ? '' : 's'} loaded.`);
    }
  }, [state.loading, state.topIds.length]);

  const orders: CommentOrder[] = timed ? ['NEWEST', 'OLDEST', 'TIMELINE'] : ['NEWEST', 'OLDEST'];
  const loaded = state.pageInfo !== null;

  return (
    <section className="conversation media-section" aria-labelledby={headingId}>
      <div className="media-section__header">
        <h2 id={headingId} className="section-title">
          {heading}
          {loaded ? <span className="section-count">{state.totalCount}</span> : null}
        </h2>
        <div className="conversation__order">
          <label htmlFor={orderId}>Sort</label>
          <select
            id={orderId}
            className="field__input conversation__select"
            value={state.order}
            onChange={(event) => actions.setOrder(event.target.value as CommentOrder)}
          >
            {orders.map((order) => (
              <option key={order} value={order}>
                {ORDER_LABELS[order]}
              </option>
            ))}
          </select>
        </div>
      </div>

      {userId ? (
        <CommentComposer
          label={
            timed
              ? 'Write a comment (while the song plays, it is pinned to the moment)'
              : 'Write a comment'
          }
          submitLabel="Comment"
          song={timed && track ? { songId: track.id, durationMs: track.durationMs ?? null } : null}
          onSubmit={(body, atMs) => actions.add({ body, atMs, parentId: null })}
        />
      ) : (
        <p className="conversation__signin">
          <Link
            href={signInRedirectPath(pathname ?? '/')}
            className="button button--primary button--small"
          >
            Sign in to comment
          </Link>
          <span className="field__hint">Anyone can read the conversation.</span>
        </p>
      )}

      {state.loading === 'first' ? (
        <p className="conversation__status" role="status">
          <span className="spinner" aria-hidden="true" /> Loading comments…
        </p>
      ) : null}
      {state.error && !loaded ? (
        <div className="conversation__status" role="alert">
          <p>{state.error}</p>
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={actions.retry}
          >
            Try again
          </button>
        </div>
      ) : null}
      {loaded && state.topIds.length === 0 ? (
        <p className="conversation__empty">
          No comments yet. {userId ? 'Start the conversation.' : ''}
        </p>
      ) : null}

      <ol className="comment-list" aria-label={heading}>
        {state.topIds.map((id) => (
          <CommentThread
            key={id}
            commentId={id}
            state={state}
            actions={actions}
            viewer={viewer}
            now={now}
            onSeek={timed ? onSeek : undefined}
          />
        ))}
      </ol>

      {loaded ? (
        <LoadMoreFooter
          hasNextPage={state.pageInfo?.hasNextPage ?? false}
          pending={state.loading === 'more'}
          loaded={state.topIds.length}
          totalCount={state.totalCount}
          error={loaded ? state.error : null}
          announcement={announcement}
          onLoadMore={actions.loadMore}
        />
      ) : null}
    </section>
  );
}
