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

  it('is caught up (and /readyz ready) only once the events held at the gate are applied', async () => {
    const gate = new StartupGate();
    const reindexed: string[][] = [];
    let release!: () => void;
    const applying = new Promise<void>((resolve) => (release = resolve));
    const search = {
      reindex: async (ids: readonly string[]) => {
        await applying;
        reindexed.push([...ids]);
      },
    } as unknown as SearchService;
    const unused = {} as unknown as ActivityService & PlaylistSearch;
    const f = new ReplicaFollower('replica-a', gate, search, unused, unused, createTestLogger('f'));
    // Two events heard during the rebuild (Pub/Sub hands several at once).
    const handled = [
      f.handle(songsChanged(['song-1'], 'replica-b')),
      f.handle(songsChanged(['song-2'], 'replica-b')),
    ];
    expect(f.caughtUp).toBe(false);
    gate.open();
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.isOpen).toBe(true);
    expect(f.caughtUp).toBe(false);
    release();
    await Promise.all(handled);
    expect(reindexed).toEqual([['song-1'], ['song-2']]);
    expect(f.caughtUp).toBe(true);
  });

  it('counts a held event that failed as done (the bus redelivers it), so readiness cannot stick', async () => {
    const gate = new StartupGate();
    const search = {
      reindex: async () => {
        throw new Error('read model blip');
      },
    } as unknown as SearchService;
    const unused = {} as unknown as ActivityService & PlaylistSearch;
    const f = new ReplicaFollower('replica-a', gate, search, unused, unused, createTestLogger('f'));
    const handled = f.handle(songsChanged(['song-1'], 'replica-b'));
    gate.open();
    await expect(handled).rejects.toThrow('read model blip');
    expect(f.caughtUp).toBe(true);
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
