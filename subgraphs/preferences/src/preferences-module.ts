import { buildFederatedSchema } from '@groovy/common/graphql';
import { resolverContainer, type SubgraphBuildDependencies } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { createCatalogueModels } from './catalogue/catalogue.model';
import { CatalogueService } from './catalogue/catalogue.service';
import type { Clock } from './clock';
import { createCounterModel } from './counter/counter.model';
import { CounterService } from './counter/counter.service';
import type { PreferencesEnvironment } from './environment';
import { PreferencesConsumer } from './events/preferences-consumer';
import {
  ArtistFollowFieldsResolver,
  FollowMutationsResolver,
  LibraryFollowsResolver,
  UserFollowFieldsResolver,
} from './follow/follow.resolver';
import {
  ARTIST_FOLLOW_COUNTING,
  FollowService,
  USER_FOLLOW_COUNTING,
} from './follow/follow.service';
import { createInterestModel } from './interest/interest.model';
import {
  InterestMutationsResolver,
  SongInterestFieldsResolver,
} from './interest/interest.resolver';
import { InterestService } from './interest/interest.service';
import { DEFAULT_JAM_SETTINGS, JamModule } from './jam/jam-module';
import { LibraryResolver } from './library/library.resolver';
import {
  LibraryLikesResolver,
  LikeMutationsResolver,
  SongLikeFieldsResolver,
} from './like/like.resolver';
import { LIKE_COUNTING, LikeService } from './like/like.service';
import { createFanoutJobModel } from './notification/fanout.model';
import { FanoutWorker } from './notification/fanout.worker';
import {
  createNotificationBatchModel,
  createNotificationModel,
} from './notification/notification.model';
import {
  LibraryNotificationsResolver,
  NotificationMutationsResolver,
  NotificationSubscriptionResolver,
} from './notification/notification.resolver';
import { NotificationService } from './notification/notification.service';
import { createPlayModels } from './play/play.model';
import {
  LibraryHistoryResolver,
  PlayMutationsResolver,
  SongPlayFieldsResolver,
} from './play/play.resolver';
import { PlayService } from './play/play.service';
import type { PreferencesContext, PreferencesRequestContext } from './preferences-context';
import { catalogueForPlaylists } from './playlist/playlist-catalogue';
import { createPlaylistFeature, type PlaylistFeature } from './playlist/playlist-feature';
import { createPreferencesLoaders } from './preferences-loaders';
import { createRatingModel } from './rating/rating.model';
import { AlbumRatingFieldsResolver, RatingMutationsResolver } from './rating/rating.resolver';
import { RatingService } from './rating/rating.service';
import { createToggleModel } from './toggle/toggle.model';
import { ToggleService } from './toggle/toggle.service';

/** Everything the preferences subgraph is made of, wired once per process on its own connection. */
export interface PreferencesModule {
  schema: GraphQLSchema;
  catalogue: CatalogueService;
  counters: CounterService;
  likes: LikeService;
  plays: PlayService;
  follows: FollowService;
  notifications: NotificationService;
  playlists: PlaylistFeature;
  fanout: FanoutWorker;
  ratings: RatingService;
  interests: InterestService;
  consumer: PreferencesConsumer;
  jam: JamModule;
  /** Creates the collections' indexes (the unique keys the services rely on). */
  ensureIndexes(): Promise<void>;
  /** Applies count changes a stopped process left half-done (older than `olderThan`). */
  repairPending(olderThan: Date): Promise<number>;
  /** The per-request part of the GraphQL context. */
  context(identity: PreferencesContext['identity']): PreferencesRequestContext;
}

export async function createPreferencesModule(
  {
    connection,
    logger,
    outbox,
    live,
  }: Pick<SubgraphBuildDependencies, 'connection' | 'logger' | 'outbox' | 'live'>,
  env: PreferencesEnvironment,
  clock: Clock,
): Promise<PreferencesModule> {
  const catalogueModels = createCatalogueModels(connection);
  const catalogue = new CatalogueService(catalogueModels);
  const counters = new CounterService(createCounterModel(connection), outbox, {
    now: () => clock.now(),
  });
  const toggles = (name: string, collection: string, counting: typeof LIKE_COUNTING) =>
    new ToggleService(createToggleModel(connection, name, collection), counters, counting);
  const likeToggles = toggles('Like', 'likes', LIKE_COUNTING);
  const artistFollows = toggles('ArtistFollow', 'artist_follows', ARTIST_FOLLOW_COUNTING);
  const userFollows = toggles('UserFollow', 'user_follows', USER_FOLLOW_COUNTING);

  const notifications = new NotificationService(
    createNotificationModel(connection),
    createNotificationBatchModel(connection),
    outbox,
    clock,
  );
  const likes = new LikeService(likeToggles, catalogue);
  const plays = new PlayService(createPlayModels(connection), catalogue, counters, clock, {
    slackMs: env.RECORD_PLAY_SLACK_MS,
  });
  const follows = new FollowService(artistFollows, userFollows, catalogue, notifications);
  const fanout = new FanoutWorker(
    createFanoutJobModel(connection),
    artistFollows,
    notifications,
    clock,
    logger as Logger,
    { batchSize: env.NOTIFICATION_FANOUT_BATCH_SIZE },
  );
  const ratings = new RatingService(createRatingModel(connection), catalogue, clock);
  const interests = new InterestService(createInterestModel(connection), catalogue, outbox, clock);
  const consumer = new PreferencesConsumer(
    catalogue,
    likeToggles,
    plays,
    notifications,
    fanout,
    logger as Logger,
  );

  const playlists = createPlaylistFeature({
    connection,
    outbox,
    catalogue: catalogueForPlaylists({
      songs: catalogueModels.songs.collection,
      users: catalogueModels.users.collection,
    }),
    editRates: {
      movesPerMinute: env.PLAYLIST_MOVES_PER_MINUTE,
      addsPerMinute: env.PLAYLIST_ADDS_PER_MINUTE,
    },
    now: () => clock.now(),
  });
  const jam = new JamModule(connection, catalogue, outbox, live, logger as Logger, {
    ...DEFAULT_JAM_SETTINGS,
    joinsPerMinute: env.JAM_JOINS_PER_MINUTE,
    changesPerMinute: env.JAM_CHANGES_PER_MINUTE,
    now: () => clock.now(),
  });

  const schema = await buildFederatedSchema({
    pubSub: live.pubSub,
    referenceResolvers: { ...playlists.referenceResolvers, ...jam.referenceResolvers },
    ...resolverContainer([
      [LibraryResolver, new LibraryResolver()],
      [SongLikeFieldsResolver, new SongLikeFieldsResolver()],
      [LibraryLikesResolver, new LibraryLikesResolver(likes)],
      [LikeMutationsResolver, new LikeMutationsResolver(likes)],
      [SongPlayFieldsResolver, new SongPlayFieldsResolver()],
      [LibraryHistoryResolver, new LibraryHistoryResolver(plays)],
      [PlayMutationsResolver, new PlayMutationsResolver(plays)],
      [ArtistFollowFieldsResolver, new ArtistFollowFieldsResolver()],
      [UserFollowFieldsResolver, new UserFollowFieldsResolver()],
      [LibraryFollowsResolver, new LibraryFollowsResolver(follows)],
      [FollowMutationsResolver, new FollowMutationsResolver(follows)],
      [LibraryNotificationsResolver, new LibraryNotificationsResolver(notifications)],
      [NotificationMutationsResolver, new NotificationMutationsResolver(notifications)],
      [NotificationSubscriptionResolver, new NotificationSubscriptionResolver(notifications)],
      [AlbumRatingFieldsResolver, new AlbumRatingFieldsResolver()],
      [RatingMutationsResolver, new RatingMutationsResolver(ratings)],
      [SongInterestFieldsResolver, new SongInterestFieldsResolver()],
      [InterestMutationsResolver, new InterestMutationsResolver(interests)],
      ...playlists.resolvers,
      ...jam.resolvers,
    ]),
  });

  jam.bind(schema);

  return {
    schema,
    catalogue,
    counters,
    likes,
    plays,
    follows,
    notifications,
    playlists,
    fanout,
    ratings,
    interests,
    consumer,
    jam,
    ensureIndexes: async () => {
      await Promise.all([
        catalogue.ensureIndexes(),
        likeToggles.ensureIndexes(),
        artistFollows.ensureIndexes(),
        userFollows.ensureIndexes(),
        plays.ensureIndexes(),
        notifications.ensureIndexes(),
        fanout.ensureIndexes(),
        ratings.ensureIndexes(),
        interests.ensureIndexes(),
        playlists.ensureIndexes(),
        jam.ensureIndexes(),
      ]);
    },
    repairPending: async (olderThan) => {
      const repaired = await Promise.all([
        likeToggles.repairPending(olderThan),
        artistFollows.repairPending(olderThan),
        userFollows.repairPending(olderThan),
        plays.repairPending(olderThan),
      ]);
      await counters.forgetSettled();
      return repaired.reduce((sum, count) => sum + count, 0);
    },
    context: (identity) => {
      const viewerId = identity?.userId ?? null;
      return {
        viewerId,
        loaders: createPreferencesLoaders(viewerId, {
          counters,
          likes: likeToggles,
          artistFollows,
          userFollows,
          interests,
          ratings,
          notifications,
        }),
      };
    },
  };
}
