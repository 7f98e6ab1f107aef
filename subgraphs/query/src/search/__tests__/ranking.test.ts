import { BestPerKey, compareRanked, TopRanked } from '../ranking';
import { FacetCounter } from '../facet-counter';
import { planWords } from '../query-plan';

/** A deterministic shuffle (no Math.random in tests). */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('TopRanked', () => {
  it('keeps exactly what a full sort would put first, ties by id', () => {
    const all = Array.from({ length: 500 }, (_, i) => ({ id: `s${i}`, score: i % 37 }));
    for (const capacity of [0, 1, 20, 499, 500, 800]) {
      const top = new TopRanked<(typeof all)[number]>(capacity);
      for (const item of shuffled(all)) top.offer(item);
      expect(top.sorted()).toEqual([...all].sort(compareRanked).slice(0, capacity));
    }
  });
});

describe('BestPerKey', () => {
  it('ranks keys by their best song and leaves out missing keys', () => {
    const best = new BestPerKey();
    best.offer('artist-a', 1, 's1');
    best.offer('artist-b', 5, 's2');
    best.offer(null, 9, 's3');
    best.offer('artist-a', 7, 's4');
    best.offer('artist-c', 5, 's0');
    expect(best.top(10)).toEqual(['artist-a', 'artist-c', 'artist-b']);
    expect(best.top(2)).toEqual(['artist-a', 'artist-c']);
  });
});

describe('FacetCounter', () => {
  it('counts every song and keeps the most frequent values per facet', () => {
    const counter = new FacetCounter();
    for (let i = 0; i < 30; i += 1) {
      counter.add({
        genre: i % 10 === 9 ? null : i < 12 ? 'rock' : i < 20 ? 'pop' : `genre-${i}`,
        yearKey: String(2000 + (i % 2)),
        artistId: `artist-${i}`,
        artist: `Artist ${i}`,
      });
    }
    const [genre, year, artist] = counter.facets(3);
    expect(genre!.values.map((value) => [value.value, value.count])).toEqual([
      ['rock', 11],
      ['pop', 7],
      ['genre-20', 1],
    ]);
    expect(year!.values).toEqual([
      { value: '2000', label: '2000', count: 15 },
      { value: '2001', label: '2001', count: 15 },
    ]);
    expect(artist!.values).toHaveLength(3);
    expect(artist!.values[0]).toEqual({ value: 'artist-0', label: 'Artist 0', count: 1 });
  });
});

describe('planWords', () => {
  it('runs whole words longest first and the word being typed last', () => {
    expect(planWords(['sun', 'highway', 'st'])).toEqual([
      { word: 'highway', prefix: false },
      { word: 'sun', prefix: false },
      { word: 'st', prefix: true },
    ]);
    expect(planWords(['lover'])).toEqual([{ word: 'lover', prefix: true }]);
  });
});
