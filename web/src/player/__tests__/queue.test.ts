import {
  currentTrack,
  EMPTY_QUEUE,
  hasNext,
  hasPrevious,
  nextInQueue,
  playQueue,
  playTrack,
  previousInQueue,
} from '../queue';
import { playableTracks, trackFromSong, type PlayerTrack } from '../track';

const track = (id: string): PlayerTrack => ({
  id,
  title: `Song ${id}`,
  artistId: 'ar1',
  artistName: 'Artist',
  masterUrl: `https://cdn.example/${id}/master.m3u8`,
});
const [a, b, c] = [track('a'), track('b'), track('c')];

describe('queue', () => {
  it('plays a list from the chosen index (clamped)', () => {
    expect(currentTrack(playQueue([a, b, c], 1))).toBe(b);
    expect(currentTrack(playQueue([a, b, c], 9))).toBe(c);
    expect(currentTrack(playQueue([a, b, c], -2))).toBe(a);
    expect(playQueue([], 0)).toBe(EMPTY_QUEUE);
    expect(currentTrack(EMPTY_QUEUE)).toBeUndefined();
  });
  it('goes to the next song and ends after the last', () => {
    const q = playQueue([a, b], 0);
    expect(hasNext(q)).toBe(true);
    const q2 = nextInQueue(q)!;
    expect(currentTrack(q2)).toBe(b);
    expect(hasNext(q2)).toBe(false);
    expect(nextInQueue(q2)).toBeNull();
    expect(nextInQueue(EMPTY_QUEUE)).toBeNull();
  });
  it('"previous" restarts after 3 s or on the first song, else goes back', () => {
    const q = playQueue([a, b, c], 2);
    expect(previousInQueue(q, 10_000)).toEqual({ queue: q, restart: true });
    const back = previousInQueue(q, 1_000);
    expect(back.restart).toBe(false);
    expect(currentTrack(back.queue)).toBe(b);
    const first = playQueue([a, b], 0);
    expect(hasPrevious(first)).toBe(false);
    expect(previousInQueue(first, 0)).toEqual({ queue: first, restart: true });
  });
  it('playing one song jumps within the queue when it is there, else replaces it', () => {
    const q = playQueue([a, b, c], 0);
    expect(playTrack(q, c)).toEqual({ tracks: [a, b, c], index: 2 });
    const d = track('d');
    expect(playTrack(q, d)).toEqual({ tracks: [d], index: 0 });
  });
});

describe('trackFromSong', () => {
  const song = {
    id: 's1',
    title: 'T',
    status: 'READY',
    durationMs: 1000,
    coverUrl: null,
    artist: { id: 'ar', name: 'Ar' },
    album: { id: 'al', title: 'Al', coverUrl: 'https://img/al.jpg' },
    stream: { masterUrl: 'https://cdn/m.m3u8' },
  };
  it('makes a track of a READY song, with the album cover as fallback', () => {
    expect(trackFromSong(song)).toEqual(
      expect.objectContaining({
        id: 's1',
        masterUrl: 'https://cdn/m.m3u8',
        coverUrl: 'https://img/al.jpg',
      }),
    );
  });
  it('skips songs that cannot play yet', () => {
    expect(trackFromSong({ ...song, status: 'PROCESSING', stream: null })).toBeNull();
    expect(playableTracks([song, { ...song, id: 's2', status: 'FAILED' }])).toHaveLength(1);
  });
});
