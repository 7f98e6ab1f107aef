import {
  activeTimedComment,
  clusterMarkers,
  initials,
  popupLeftPx,
  timedComments,
  type TimedComment,
} from '../waveform-markers';
import { comment } from './fixtures';

const timed = (id: string, atMs: number) => comment(id, { atMs }) as TimedComment;

describe('timedComments', () => {
  it('keeps timed, undeleted comments, by moment, each id once', () => {
    const list = timedComments([
      timed('b', 5000),
      comment('untimed'),
      timed('a', 1000),
      { ...timed('gone', 2000), deleted: true },
      timed('b', 5000),
    ]);
    expect(list.map((c) => c.id)).toEqual(['a', 'b']);
  });
});

describe('clusterMarkers', () => {
  it('places one marker per comment when they are far apart', () => {
    const clusters = clusterMarkers(
      [timed('a', 0), timed('b', 50_000), timed('c', 100_000)],
      100_000,
      1000,
      20,
    );
    expect(clusters.map((c) => c.fraction)).toEqual([0, 0.5, 1]);
    expect(clusters.map((c) => c.atMs)).toEqual([0, 50_000, 100_000]);
  });

  it('merges comments closer than a marker into the first one', () => {
    // 1000 px for 100 s: 10 px per second; markers are 20 px.
    const clusters = clusterMarkers(
      [
        timed('a', 10_000),
        timed('b', 11_000),
        timed('c', 11_900),
        timed('d', 12_000),
        timed('e', 30_000),
      ],
      100_000,
      1000,
      20,
    );
    expect(clusters.map((c) => c.comments.map((x) => x.id))).toEqual([
      ['a', 'b', 'c'],
      ['d'],
      ['e'],
    ]);
  });

  it('stays bounded by the width for thousands of comments', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => timed(`c${i}`, i * 30));
    const clusters = clusterMarkers(many, 300_000, 800, 16);
    expect(clusters.length).toBeLessThanOrEqual(800 / 16 + 1);
    expect(clusters.reduce((n, c) => n + c.comments.length, 0)).toBe(10_000);
  });

  it('draws nothing without a duration or width, and clamps moments past the end', () => {
    expect(clusterMarkers([timed('a', 1)], 0, 100, 10)).toEqual([]);
    expect(clusterMarkers([timed('a', 1)], 100, 0, 10)).toEqual([]);
    expect(clusterMarkers([timed('a', 500)], 100, 100, 10)[0]!.fraction).toBe(1);
  });
});

describe('activeTimedComment', () => {
  const sorted = [timed('a', 1000), timed('b', 5000), timed('c', 5200), timed('d', 20_000)];
  it('pops up the latest comment reached within the window', () => {
    expect(activeTimedComment(sorted, 999)).toBeNull();
    expect(activeTimedComment(sorted, 1000)?.id).toBe('a');
    expect(activeTimedComment(sorted, 4000)?.id).toBe('a');
    expect(activeTimedComment(sorted, 4600)).toBeNull();
    expect(activeTimedComment(sorted, 5300)?.id).toBe('c');
    expect(activeTimedComment(sorted, 60_000)).toBeNull();
    expect(activeTimedComment([], 1000)).toBeNull();
  });
  it('honours a custom window', () => {
    expect(activeTimedComment(sorted, 1500, 400)).toBeNull();
  });
});

describe('popupLeftPx', () => {
  it('centres the popup on its marker and keeps it inside the waveform', () => {
    expect(popupLeftPx(0.5, 1000, 200)).toBe(400);
    expect(popupLeftPx(0, 1000, 200)).toBe(0);
    expect(popupLeftPx(1, 1000, 200)).toBe(800);
    expect(popupLeftPx(0.5, 100, 200)).toBe(0);
  });
});

describe('initials', () => {
  it('takes the first and last initials', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('  prince ')).toBe('P');
    expect(initials('Émile de la Rue')).toBe('ÉR');
    expect(initials(null)).toBe('?');
  });
});
