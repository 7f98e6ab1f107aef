import type { Db } from 'mongodb';
import { SongActivityStore } from '../activity/song-activity-store';
import { ACTIVITY_CONSUMER, CONSUMER } from '../events/read-model-consumer';
import { ListenerSignals } from '../for-you/listener-signals';
import { PlaylistStore } from '../playlists/playlist-store';
import { ReadModel } from '../read-model/read-model';

/**
 * Empties the read model and rewinds consumers `query` and `query-activity` in the embedded bus (their documents in
 * `consumer_checkpoints`), so the next start replays every event it consumes from the start of the log
 * into an empty read model. Run it while the query subgraph is stopped: a running instance holds
 * the consumer's lease and would keep writing.
 *
 * `eventsDb` is the embedded bus's database; with Pub/Sub there is no log to replay (seek the
 * subscription to a snapshot instead), so pass null and only the read model is dropped.
 */
export async function resetReadModel(
  readModelDb: Db,
  eventsDb: Db | null,
): Promise<{ checkpointReset: boolean }> {
  const db = () => readModelDb;
  await Promise.all([
    new ReadModel(db).drop(),
    new SongActivityStore(db).drop(),
    new PlaylistStore(db).drop(),
    new ListenerSignals(db).drop(),
  ]);
  if (!eventsDb) return { checkpointReset: false };
  const result = await eventsDb.collection<{ _id: string }>('consumer_checkpoints').deleteMany({
    _id: { $in: [CONSUMER, ACTIVITY_CONSUMER] },
  });
  return { checkpointReset: result.deletedCount >= 1 };
}
