import { buildFederatedSchema } from '@groovy/common/graphql';
import { resolverContainer, type SubgraphBuildDependencies } from '@groovy/common/subgraph';
import type { GraphQLSchema } from 'graphql';
import { LibraryResolver } from './library/library.resolver';
import { createNotificationModel } from './notification/notification.model';
import { LibraryNotificationsResolver } from './notification/notification.resolver';
import { NotificationService } from './notification/notification.service';
import type { PreferencesEnvironment } from './environment';
import type { PreferencesContext, PreferencesRequestContext } from './preferences-context';
import { catalogueForPlaylists } from './playlist/playlist-catalogue';
import { createPlaylistFeature, type PlaylistFeature } from './playlist/playlist-feature';

/** Everything the preferences subgraph is made of, wired once per process on its own connection. */
export interface PreferencesModule {
  schema: GraphQLSchema;
  notifications: NotificationService;
  playlists: PlaylistFeature;
  /** Creates the collections' indexes (unique keys the services rely on). */
  ensureIndexes(): Promise<void>;
  /** The per-request part of the GraphQL context. */
  context(identity: PreferencesContext['identity']): PreferencesRequestContext;
}

export async function createPreferencesModule(
  { connection, outbox }: Pick<SubgraphBuildDependencies, 'connection' | 'logger' | 'outbox'>,
  _env: PreferencesEnvironment,
): Promise<PreferencesModule> {
  const notificationModel = createNotificationModel(connection);
  const notifications = new NotificationService(notificationModel);
  const playlists = createPlaylistFeature({
    connection,
    outbox,
    catalogue: catalogueForPlaylists({
      songs: connection.collection('known_songs'),
      users: connection.collection('known_users'),
    }),
  });

  const schema = await buildFederatedSchema({
    ...resolverContainer([
      [LibraryResolver, new LibraryResolver()],
      [LibraryNotificationsResolver, new LibraryNotificationsResolver(notifications)],
      ...playlists.resolvers,
    ]),
    referenceResolvers: { ...playlists.referenceResolvers },
  });

  return {
    schema,
    notifications,
    playlists,
    ensureIndexes: async () => {
      await Promise.all([notificationModel.syncIndexes(), playlists.ensureIndexes()]);
    },
    context: (identity) => ({ viewerId: identity?.userId ?? null }),
  };
}
