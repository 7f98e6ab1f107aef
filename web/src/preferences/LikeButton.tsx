'use client';

import { useFragment, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ActionMessage, failureMessage } from './ActionMessage';
import { HeartIcon } from './icons';
import { LIKE_SONG, SONG_LIKE_FIELDS, UNLIKE_SONG } from './like.operations';
import { toggledLike, type LikeState } from './optimistic';
import { useSignedIn } from './use-signed-in';

/**
 * The heart of a song (song rows, the song page, the player bar). Optimistic: the heart and the
 * count change at once through Apollo's optimistic layer, which Apollo drops again by itself if the
 * mutation fails (the rollback), and a message says so. Every heart of the same song reads the same
 * cache entry (Song:id), so liking in the player bar also fills the row's heart. The page's server
 * render gives the first state (`initial`).
 */
export function LikeButton({
  songId,
  title,
  initial,
  showCount = false,
  className = 'icon-button icon-button--small like-button',
}: {
  songId: string;
  title: string;
  initial?: Partial<LikeState> | null;
  showCount?: boolean;
  className?: string;
}) {
  const { signedIn, goToSignIn } = useSignedIn();
  const cached = useFragment({
    fragment: SONG_LIKE_FIELDS,
    from: { __typename: 'Song', id: songId },
  });
  const state: LikeState =
    cached.complete && cached.data
      ? { likedByMe: cached.data.likedByMe, likeCount: cached.data.likeCount }
      : { likedByMe: initial?.likedByMe ?? false, likeCount: initial?.likeCount ?? 0 };
  const [like] = useMutation(LIKE_SONG);
  const [unlike] = useMutation(UNLIKE_SONG);
  const [error, setError] = useState<string>();

  const toggle = () => {
    if (!signedIn) {
      goToSignIn();
      return;
    }
    setError(undefined);
    const next = toggledLike(state);
    const optimistic = { __typename: 'Song' as const, id: songId, ...next };
    const done = next.likedByMe
      ? like({
          variables: { songId },
          optimisticResponse: { __typename: 'Mutation', likeSong: optimistic },
        })
      : unlike({
          variables: { songId },
          optimisticResponse: { __typename: 'Mutation', unlikeSong: optimistic },
        });
    done.catch(() =>
      setError(
        failureMessage(next.likedByMe ? `like “${title}”` : `remove your like of “${title}”`),
      ),
    );
  };

  return (
    <span className="like-control">
      <button
        type="button"
        className={className}
        aria-pressed={state.likedByMe}
        aria-label={`Like ${title}`}
        title={state.likedByMe ? 'Remove from your liked songs' : 'Save to your liked songs'}
        data-liked={state.likedByMe ? 'true' : undefined}
        onClick={toggle}
      >
        <HeartIcon filled={state.likedByMe} />
      </button>
      {showCount ? (
        <span className="like-count" aria-live="polite">
          {state.likeCount}
          <span className="visually-hidden"> {state.likeCount === 1 ? 'like' : 'likes'}</span>
        </span>
      ) : null}
      <ActionMessage message={error} />
    </span>
  );
}
