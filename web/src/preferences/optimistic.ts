/**
 * The optimistic answers the like, follow and star buttons show at once, before the server
 * confirms (Apollo's `optimisticResponse`: the cache shows them, and drops them again by itself when
 * the mutation fails, which is the rollback). Pure, so they can be tested.
 */

export interface LikeState {
  likedByMe: boolean;
  likeCount: number;
}

export function toggledLike(state: LikeState): LikeState {
  const likedByMe = !state.likedByMe;
  return { likedByMe, likeCount: Math.max(0, state.likeCount + (likedByMe ? 1 : -1)) };
}

export interface FollowState {
  followedByMe: boolean;
  followerCount: number;
}

export function toggledFollow(state: FollowState): FollowState {
  const followedByMe = !state.followedByMe;
  return {
    followedByMe,
    followerCount: Math.max(0, state.followerCount + (followedByMe ? 1 : -1)),
  };
}

export interface RatingState {
  average: number | null;
  count: number;
  mine: number | null;
}

/** The album's rating once the caller gives it `stars` (1–5), or removes theirs (0). */
export function ratedWith(state: RatingState, stars: number): RatingState {
  const total = (state.average ?? 0) * state.count - (state.mine ?? 0);
  const others = state.count - (state.mine ? 1 : 0);
  const count = others + (stars > 0 ? 1 : 0);
  const sum = total + (stars > 0 ? stars : 0);
  return {
    average: count > 0 ? Math.round((sum / count) * 100) / 100 : null,
    count,
    mine: stars > 0 ? stars : null,
  };
}
