import {
  envPositiveInt,
  loadEnvironment,
  serviceEnvironmentShape,
  subgraphEnvironmentShape,
} from '@groovy/common/config';
import { eventBusEnvironmentShape } from '@groovy/common/events';
import { z } from 'zod';

export const preferencesEnvironmentSchema = z.object({
  ...serviceEnvironmentShape(4004),
  ...subgraphEnvironmentShape(),
  /** EVENT_BUS (embedded | pubsub), EVENT_BUS_DATABASE, …: see common/src/events. */
  ...eventBusEnvironmentShape(),
  /** How far past a song's duration a reported msPlayed may go (player clocks, seeking). */
  RECORD_PLAY_SLACK_MS: envPositiveInt(10_000),
  /** Notifications written per insertMany when one event reaches many followers. */
  NOTIFICATION_FANOUT_BATCH_SIZE: envPositiveInt(1_000),
  /** Per user, across playlists: movePlaylistItem calls per minute (RATE_LIMITED beyond). */
  PLAYLIST_MOVES_PER_MINUTE: envPositiveInt(300),
  /** Per user, across playlists: addToPlaylist calls per minute (RATE_LIMITED beyond). */
  PLAYLIST_ADDS_PER_MINUTE: envPositiveInt(60),
  /** Per user: joinJam attempts per minute, right code or wrong (RATE_LIMITED beyond; bounds code guessing). */
  JAM_JOINS_PER_MINUTE: envPositiveInt(20),
  /** Per user, across Jams: startJam, controls, queue edits and guest control per minute (RATE_LIMITED beyond). */
  JAM_CHANGES_PER_MINUTE: envPositiveInt(120),
});

export type PreferencesEnvironment = z.infer<typeof preferencesEnvironmentSchema>;

/** The only place the preferences subgraph reads process.env; exits with one clear line when it is wrong. */
export function readPreferencesEnvironment(): PreferencesEnvironment {
  return loadEnvironment('preferences', preferencesEnvironmentSchema, process.env);
}
