/**
 * Trending: a time-decayed activity score over the last days, from per-song hourly buckets.
 *
 *   trending(song, now) = max(0, Σ_b  w(b) · 2^(−(now − start(b)) / HALF_LIFE))
 *   w(b) = PLAY_WEIGHT·Δplays(b) + LIKE_WEIGHT·Δlikes(b) + COMMENT_WEIGHT·Δcomments(b)
 *
 * over the song's buckets b that started less than WINDOW ago (older ones are pruned). Δ is how
 * much the song's count grew in that hour: an unlike, a deleted or hidden comment subtract.
 */
export const HOUR_MS = 3_600_000;
export const HALF_LIFE_HOURS = 48;
export const WINDOW_HOURS = 7 * 24;
export const PLAY_WEIGHT = 1;
export const LIKE_WEIGHT = 2;
export const COMMENT_WEIGHT = 2;

export const ACTIVITY_KINDS = ['plays', 'likes', 'comments'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const KIND_WEIGHTS: Readonly<Record<ActivityKind, number>> = {
  plays: PLAY_WEIGHT,
  likes: LIKE_WEIGHT,
  comments: COMMENT_WEIGHT,
};

/** The hour (since the epoch) a time falls in: its bucket. */
export function hourOf(time: number): number {
  return Math.floor(time / HOUR_MS);
}

/** The newest bucket that is already out of the window at `nowHour` (this one and older are pruned). */
export function expiredHour(nowHour: number): number {
  return nowHour - WINDOW_HOURS;
}

/** Per kind, how much a count grew within one hour. */
export type BucketCounts = Partial<Record<ActivityKind, number>>;

export function bucketWeight(bucket: BucketCounts): number {
  let weight = 0;
  for (const kind of ACTIVITY_KINDS) weight += KIND_WEIGHTS[kind] * (bucket[kind] ?? 0);
  return weight;
}
