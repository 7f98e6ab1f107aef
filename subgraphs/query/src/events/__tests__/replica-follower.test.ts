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

  it('counts a held event that failed as done (it retries it itself), so readiness cannot stick', async () => {
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
    await handled;
    expect(f.caughtUp).toBe(true);
    expect(f.pending).toBe(1);
    f.stop();
  });

  it('re-reads a song it failed to re-read until it succeeds, long after the bus gave the event up', async () => {
    // The bus tries a live event a few times within about 1.5 s, then drops it: a read model
    // down for longer would leave a deleted song searchable on this replica for good.
    const gate = new StartupGate();
    gate.open();
    let failuresLeft = 8;
    const reindexed: string[][] = [];
    let reread!: () => void;
    const done = new Promise<void>((resolve) => (reread = resolve));
    const search = {
      reindex: async (ids: readonly string[]) => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('read model down');
        }
        reindexed.push([...ids]);
        reread();
      },
    } as unknown as SearchService;
    const unused = {} as unknown as ActivityService & PlaylistSearch;
    const f = new ReplicaFollower(
      'replica-a',
      gate,
      search,
      unused,
      unused,
      createTestLogger('f'),
      {
        firstDelayMs: 1,
        maxDelayMs: 2,
      },
    );
    const deleted = songsChanged(['song-deleted'], 'replica-b');
    // As the bus hands a live event over: up to 5 attempts, then dropped.
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      try {
        await f.handle(deleted);
        break;
      } catch {
        // the bus would try again
      }
    }
    await done;
    await new Promise((resolve) => setImmediate(resolve)); // the retry's bookkeeping after it
    expect(reindexed).toEqual([['song-deleted']]);
    expect(f.pending).toBe(0);
    f.stop();
  });

  it('retries a failed activity or playlist event as it came, once the read model answers', async () => {
    const gate = new StartupGate();
    gate.open();
    let down = true;
    const applied: string[] = [];
    let appliedOnce!: () => void;
    const done = new Promise<void>((resolve) => (appliedOnce = resolve));
    const playlists = {
      apply: async (event: EventEnvelope) => {
        if (down) {
          down = false;
          throw new Error('read model blip');
        }
        applied.push(event.aggregateId);
        appliedOnce();
      },
    } as unknown as PlaylistSearch;
    const unused = {} as unknown as ActivityService & SearchService;
    const f = new ReplicaFollower(
      'replica-a',
      gate,
      unused,
      unused,
      playlists,
      createTestLogger('f'),
      {
        firstDelayMs: 1,
      },
    );
    // Only its type and id matter here (playlists.apply is a stand-in).
    const playlistEvent: EventEnvelope = {
      ...songsChanged(['unused'], 'replica-b'),
      type: 'PLAYLIST_UPDATED',
      aggregateId: 'playlist-1',
    };
    await f.handle(playlistEvent);
    await done;
    await new Promise((resolve) => setImmediate(resolve));
    expect(applied).toEqual(['playlist-1']);
    expect(f.pending).toBe(0);
    f.stop();
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
