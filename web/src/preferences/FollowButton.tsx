'use client';

import { useFragment, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { ActionMessage, failureMessage } from './ActionMessage';
import {
  ARTIST_FOLLOW_FIELDS,
  FOLLOW_ARTIST,
  FOLLOW_USER,
  UNFOLLOW_ARTIST,
  UNFOLLOW_USER,
  USER_FOLLOW_FIELDS,
} from './follow.operations';
import { toggledFollow, type FollowState } from './optimistic';
import { useSignedIn } from './use-signed-in';

function followerText(count: number): string {
  return `${count} follower${count === 1 ? '' : 's'}`;
}

/**
 * "Follow" / "Following" for an artist or a user, with the follower count; optimistic like the
 * heart (LikeButton), rolled back by Apollo with a message when the server refuses.
 */
export function FollowButton({
  kind,
  id,
  name,
  initial,
  hidden = false,
}: {
  kind: 'artist' | 'user';
  id: string;
  name: string;
  initial: FollowState;
  /** Show only the count (your own profile). */
  hidden?: boolean;
}) {
  const { signedIn, goToSignIn } = useSignedIn();
  const artist = useFragment({
    fragment: ARTIST_FOLLOW_FIELDS,
    from: kind === 'artist' ? { __typename: 'Artist', id } : null,
  });
  const user = useFragment({
    fragment: USER_FOLLOW_FIELDS,
    from: kind === 'user' ? { __typename: 'User', id } : null,
  });
  const cached = kind === 'artist' ? artist : user;
  const state: FollowState =
    cached.complete && cached.data
      ? { followedByMe: cached.data.followedByMe, followerCount: cached.data.followerCount }
      : initial;
  const [followArtist] = useMutation(FOLLOW_ARTIST);
  const [unfollowArtist] = useMutation(UNFOLLOW_ARTIST);
  const [followUser] = useMutation(FOLLOW_USER);
  const [unfollowUser] = useMutation(UNFOLLOW_USER);
  const [error, setError] = useState<string>();

  const toggle = () => {
    if (!signedIn) {
      goToSignIn();
      return;
    }
    setError(undefined);
    const next = toggledFollow(state);
    let done: Promise<unknown>;
    if (kind === 'artist') {
      const optimistic = { __typename: 'Artist' as const, id, ...next };
      done = next.followedByMe
        ? followArtist({
            variables: { artistId: id },
            optimisticResponse: { __typename: 'Mutation', followArtist: optimistic },
          })
        : unfollowArtist({
            variables: { artistId: id },
            optimisticResponse: { __typename: 'Mutation', unfollowArtist: optimistic },
          });
    } else {
      const optimistic = { __typename: 'User' as const, id, ...next };
      done = next.followedByMe
        ? followUser({
            variables: { userId: id },
            optimisticResponse: { __typename: 'Mutation', followUser: optimistic },
          })
        : unfollowUser({
            variables: { userId: id },
            optimisticResponse: { __typename: 'Mutation', unfollowUser: optimistic },
          });
    }
    done.catch(() =>
      setError(failureMessage(next.followedByMe ? `follow ${name}` : `unfollow ${name}`)),
    );
  };

  return (
    <div className="follow-control">
      {hidden ? null : (
        <button
          type="button"
          className={`button button--small ${state.followedByMe ? 'button--ghost' : 'button--primary'}`}
          aria-pressed={state.followedByMe}
          aria-label={`Follow ${name}`}
          onClick={toggle}
        >
          {state.followedByMe ? 'Following' : 'Follow'}
        </button>
      )}
      <span className="follower-count" aria-live="polite">
        {followerText(state.followerCount)}
      </span>
      <ActionMessage message={error} />
    </div>
  );
}
