import { createEvent, QuerySongsChanged, type EventEnvelope } from '@groovy/common/events';
import { createTestLogger } from '@groovy/common/testing';
import type { ActivityService } from '../../activity/activity.service';
import type { PlaylistSearch } from '../../playlists/playlist-search';
import type { SearchService } from '../../search/search.service';
import { ReplicaFollower } from '../replica-follower';
import { StartupGate } from '../startup-gate';

const songsChanged = (songIds: string[], writerId: string): EventEnvelope =>
  createEvent({
    type: QuerySongsChanged.type,
    version: QuerySongsChanged.version,
    producer: QuerySongsChanged.producer,
    aggregateId: songIds[0]!,
    aggregateVersion: 2,
    data: { songIds, writerId },
  });

function follower(gate = new StartupGate()) {
  const reindexed: string[][] = [];
  const search = {
    reindex: async (ids: readonly string[]) => void reindexed.push([...ids]),
  } as unknown as SearchService;
  const unused = {} as unknown as ActivityService & PlaylistSearch;
  return {
    gate,
    reindexed,
    follower: new ReplicaFollower('replica-a', gate, search, unused, unused, createTestLogger('f')),
  };
}

describe('ReplicaFollower (each query replica keeps its own index in step)', () => {
  it('re-reads songs another replica wrote, not those it wrote itself', async () => {
    const { gate, reindexed, follower: f } = follower();
    gate.open();
    await f.handle(songsChanged(['song-1', 'song-2'], 'replica-b'));
    await f.handle(songsChanged(['song-3'], 'replica-a'));
    expect(reindexed).toEqual([['song-1', 'song-2']]);
  });

  it('holds events heard during the start-up rebuild until it is done', async () => {
    const { gate, reindexed, follower: f } = follower();
    const handled = f.handle(songsChanged(['song-1'], 'replica-b'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(reindexed).toEqual([]);
    expect(gate.isOpen).toBe(false);
    gate.open();
    await handled;
    expect(reindexed).toEqual([['song-1']]);
  });

  it('fails the held events when the rebuild failed, so a stopping subscriber never hangs', async () => {
    const { gate, follower: f } = follower();
    const handled = f.handle(songsChanged(['song-1'], 'replica-b'));
    gate.fail(new Error('read model unreachable'));
    await expect(handled).rejects.toThrow('the replica did not start: read model unreachable');
    expect(gate.isOpen).toBe(false);
  });

  it('subscribes live (one per replica) to the writer’s changes, activity and playlists', () => {
    const options = follower().follower.subscription();
    expect(options).toMatchObject({ consumer: 'query-replica', live: true });
    expect(options.types).toEqual(
      expect.arrayContaining(['QUERY_SONGS_CHANGED', 'SONG_PLAYED', 'PLAYLIST_CREATED']),
    );
  });
});
