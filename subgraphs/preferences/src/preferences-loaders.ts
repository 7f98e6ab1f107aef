import DataLoader from 'dataloader';
import type { CounterCounts, CounterService } from './counter/counter.service';
import type { InterestService } from './interest/interest.service';
import type { NotificationCounts, NotificationService } from './notification/notification.service';
import type { RatingService, RatingSummary } from './rating/rating.service';
import type { ToggleOutcome, ToggleService } from './toggle/toggle.service';

/**
 * Per-request batching: the fields preferences adds to a page of songs, artists, users or albums
 * are read with one query per kind (counters, the viewer's likes/follows, ratings), whatever the
 * page size. Fresh for every request: batching, never a cache across requests.
 */
export interface PreferencesLoaders {
  /** By subject key (`song:<id>`, `artist:<id>`, `user:<id>`); null when nothing was ever counted. */
  counter: DataLoader<string, CounterCounts | null>;
  likedByViewer: DataLoader<string, boolean>;
  artistFollowedByViewer: DataLoader<string, boolean>;
  userFollowedByViewer: DataLoader<string, boolean>;
  notInterestedByViewer: DataLoader<string, boolean>;
  albumRating: DataLoader<string, RatingSummary>;
  viewerAlbumRating: DataLoader<string, number | null>;
  /** A recipient's notification counts (all, unread): one read for both fields of the library. */
  notificationCounts: DataLoader<string, NotificationCounts>;
}

export interface LoaderServices {
  counters: CounterService;
  likes: ToggleService;
  artistFollows: ToggleService;
  userFollows: ToggleService;
  interests: InterestService;
  ratings: RatingService;
  notifications: NotificationService;
}

function viewerSet(
  viewerId: string | null,
  among: (viewerId: string, ids: readonly string[]) => Promise<Set<string>>,
): DataLoader<string, boolean> {
  return new DataLoader(async (ids) => {
    if (!viewerId) return ids.map(() => false);
    const found = await among(viewerId, ids);
    return ids.map((id) => found.has(id));
  });
}

export function createPreferencesLoaders(
  viewerId: string | null,
  services: LoaderServices,
): PreferencesLoaders {
  return {
    counter: new DataLoader(async (subjects) => {
      const found = await services.counters.find(subjects);
      return subjects.map((subject) => found.get(subject) ?? null);
    }),
    likedByViewer: viewerSet(viewerId, (viewer, ids) => services.likes.onAmong(viewer, ids)),
    artistFollowedByViewer: viewerSet(viewerId, (viewer, ids) =>
      services.artistFollows.onAmong(viewer, ids),
    ),
    userFollowedByViewer: viewerSet(viewerId, (viewer, ids) =>
      services.userFollows.onAmong(viewer, ids),
    ),
    notInterestedByViewer: viewerSet(viewerId, (viewer, ids) =>
      services.interests.notInterestedAmong(viewer, ids),
    ),
    albumRating: new DataLoader(async (albumIds) => {
      const found = await services.ratings.summaries(albumIds);
      return albumIds.map((id) => found.get(id) ?? { average: null, count: 0 });
    }),
    notificationCounts: new DataLoader((recipientIds) =>
      Promise.all(recipientIds.map((recipientId) => services.notifications.counts(recipientId))),
    ),
    viewerAlbumRating: new DataLoader(async (albumIds) => {
      if (!viewerId) return albumIds.map(() => null);
      const found = await services.ratings.mine(viewerId, albumIds);
      return albumIds.map((id) => found.get(id) ?? null);
    }),
  };
}

/**
 * After the viewer switched a like or follow, its answer reads nothing: the viewer's flag is what
 * was just set, and the target's counters came back from the write that counted the change.
 */
export function primeToggled(
  flag: DataLoader<string, boolean>,
  counter: PreferencesLoaders['counter'],
  target: { id: string; subject: string },
  on: boolean,
  outcome: ToggleOutcome,
): void {
  flag.clear(target.id).prime(target.id, on);
  if (outcome.counter) counter.clear(target.subject).prime(target.subject, outcome.counter);
}

/** Items of the viewer's own list of likes or follows are, by definition, switched on. */
export function primeListed(flag: DataLoader<string, boolean>, targetIds: readonly string[]): void {
  for (const id of targetIds) flag.prime(id, true);
}
