import DataLoader from 'dataloader';
import type { CounterCounts, CounterService } from './counter/counter.service';
import type { InterestService } from './interest/interest.service';
import type { RatingService, RatingSummary } from './rating/rating.service';
import type { ToggleService } from './toggle/toggle.service';

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
}

export interface LoaderServices {
  counters: CounterService;
  likes: ToggleService;
  artistFollows: ToggleService;
  userFollows: ToggleService;
  interests: InterestService;
  ratings: RatingService;
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
    viewerAlbumRating: new DataLoader(async (albumIds) => {
      if (!viewerId) return albumIds.map(() => null);
      const found = await services.ratings.mine(viewerId, albumIds);
      return albumIds.map((id) => found.get(id) ?? null);
    }),
  };
}
