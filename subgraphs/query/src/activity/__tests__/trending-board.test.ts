import { TrendingBoard } from '../trending-board';
import { HOUR_MS, hourOf, WINDOW_HOURS } from '../trending-formula';

const START = new Date('2026-03-01T12:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * HOUR_MS);
const bucket = (hours: number) => String(hourOf(at(hours).getTime()));
const everything = () => true;

describe('TrendingBoard', () => {
  it('halves a score every 48 hours and drops buckets once they leave the 7-day window', () => {
    const board = new TrendingBoard(START);
    board.set(
      { _id: 'a', plays: { count: 8, version: 8 }, buckets: { [bucket(0)]: { plays: 8 } } },
      START,
    );
    expect(board.top(5, everything, at(0))).toEqual([{ id: 'a', score: 8 }]);
    expect(board.top(5, everything, at(48))[0]!.score).toBeCloseTo(4, 10);
    expect(board.top(5, everything, at(96))[0]!.score).toBeCloseTo(2, 10);
    expect(board.top(5, everything, at(WINDOW_HOURS - 1))[0]!.score).toBeCloseTo(
      8 * 2 ** (-(WINDOW_HOURS - 1) / 48),
      10,
    );
    expect(board.top(5, everything, at(WINDOW_HOURS))).toEqual([]);
    // The all-time count stays for the search blend.
    expect(board.counts('a')).toEqual({ plays: 8, likes: 0, comments: 0 });
  });

  it('weighs likes and comments twice a play, nets negative buckets and never ranks a score ≤ 0', () => {
    const board = new TrendingBoard(START);
    board.set({ _id: 'played', buckets: { [bucket(0)]: { plays: 3 } } }, START);
    board.set({ _id: 'liked', buckets: { [bucket(0)]: { likes: 2 } } }, START);
    board.set({ _id: 'talked', buckets: { [bucket(0)]: { comments: 1 } } }, START);
    // Liked yesterday, unliked today: the recent unlike outweighs the decayed like.
    board.set(
      { _id: 'undone', buckets: { [bucket(-24)]: { likes: 1 }, [bucket(0)]: { likes: -1 } } },
      START,
    );
    expect(board.top(5, everything, START)).toEqual([
      { id: 'liked', score: 4 },
      { id: 'played', score: 3 },
      { id: 'talked', score: 2 },
    ]);
    expect(board.top(5, (id) => id !== 'liked', START).map((entry) => entry.id)).toEqual([
      'played',
      'talked',
    ]);
  });

  it('re-ranks on count changes at most once per interval; a catalogue change re-ranks at once', () => {
    const board = new TrendingBoard(START, 1000);
    const ms = (n: number) => new Date(START.getTime() + n);
    board.set({ _id: 'a', buckets: { [bucket(0)]: { plays: 5 } } }, START);
    board.set({ _id: 'b', buckets: { [bucket(0)]: { plays: 3 } } }, START);
    expect(board.top(5, everything, ms(0)).map((r) => r.id)).toEqual(['a', 'b']);
    board.set({ _id: 'b', buckets: { [bucket(0)]: { plays: 9 } } }, START);
    // Within the interval the memoised order stands (documented staleness) …
    expect(board.top(5, everything, ms(999)).map((r) => r.id)).toEqual(['a', 'b']);
    // … and is re-ranked once it has passed.
    expect(board.top(5, everything, ms(1000)).map((r) => r.id)).toEqual(['b', 'a']);
    board.set({ _id: 'a', buckets: { [bucket(0)]: { plays: 20 } } }, START);
    board.invalidate();
    expect(board.top(5, everything, ms(1001)).map((r) => r.id)).toEqual(['a', 'b']);
  });
});
