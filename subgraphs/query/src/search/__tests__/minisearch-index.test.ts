import type { SongDocument } from '../../read-model/documents';
import { MiniSearchIndex } from '../minisearch-index';
import { allowedEdits } from '../query-plan';

const NOW = new Date('2025-01-01T00:00:00.000Z');

function song(id: string, overrides: Partial<SongDocument> = {}): SongDocument {
  return {
    _id: id,
    version: 1,
    deleted: false,
    title: 'Untitled',
    artist: { id: 'artist-1', name: 'Someone' },
    album: null,
    genre: null,
    tags: [],
    year: 2024,
    durationMs: null,
    status: 'READY',
    coverKey: null,
    uploaderId: 'user-1',
    createdAt: new Date('2024-06-01T00:00:00.000Z'),
    ...overrides,
  };
}

const hitIds = (index: MiniSearchIndex, query: string) =>
  index.search(query, {}, { offset: 0, limit: 50 }, NOW).hits.map((hit) => hit.id);

describe('MiniSearchIndex', () => {
  it('forgives no typo below 4 letters, one from 4, two from 8', () => {
    expect([3, 4, 7, 8, 12].map((length) => allowedEdits('x'.repeat(length)))).toEqual([
      0, 1, 1, 2, 2,
    ]);
    const index = new MiniSearchIndex();
    index.upsert(song('1', { title: 'Cat Tiger Elephants' }));
    expect(hitIds(index, 'cat')).toEqual(['1']);
    expect(hitIds(index, 'cot tiger')).toEqual([]);
    expect(hitIds(index, 'tigre cat')).toEqual(['1']); // a swap is one typo
    expect(hitIds(index, 'tigxr cat')).toEqual(['1']);
    expect(hitIds(index, 'tixxr cat')).toEqual([]);
    expect(hitIds(index, 'elefants cat')).toEqual(['1']);
    expect(hitIds(index, 'elefan cat')).toEqual([]); // 6 letters: one edit only
  });

  it('removes songs that are not READY or are deleted', () => {
    const index = new MiniSearchIndex();
    index.upsert(song('1', { title: 'Gone' }));
    expect(index.size()).toBe(1);
    index.upsert(song('1', { title: 'Gone', status: 'FAILED' }));
    expect(index.size()).toBe(0);
    index.upsert(song('1', { title: 'Gone' }));
    index.upsert(song('1', { title: 'Gone', deleted: true }));
    expect(hitIds(index, 'gone')).toEqual([]);
  });

  it('nudges equal matches by popularity and recency, a title match still above a tag match', () => {
    const index = new MiniSearchIndex();
    index.upsert(song('old', { title: 'Echo', createdAt: new Date('2020-01-01T00:00:00.000Z') }));
    index.upsert(song('new', { title: 'Echo', createdAt: new Date('2024-12-31T00:00:00.000Z') }));
    index.upsert(
      song('popular', { title: 'Echo', createdAt: new Date('2020-01-01T00:00:00.000Z') }),
      { plays: 1000, likes: 0 },
    );
    index.upsert(
      song('tagged', {
        title: 'Other',
        tags: ['echo'],
        createdAt: new Date('2020-01-01T00:00:00.000Z'),
      }),
    );
    expect(hitIds(index, 'echo')).toEqual(['popular', 'new', 'old', 'tagged']);
  });

  it('filters by what a song is now, after it changed genre, year or artist, or went away', () => {
    const index = new MiniSearchIndex();
    const filtered = (filter: Parameters<MiniSearchIndex['search']>[1], query = 'echo') =>
      index.search(query, filter, { offset: 0, limit: 10 }, NOW).hits.map((hit) => hit.id);
    index.upsert(song('1', { title: 'Echo', genre: 'rock', year: 1999 }));
    index.upsert(song('2', { title: 'Echo Echo', genre: 'rock', year: 2001 }));
    expect(filtered({ genre: 'rock' })).toEqual(['2', '1']);
    index.upsert(
      song('1', { title: 'Echo', genre: 'pop', year: 1999, artist: { id: 'artist-2', name: 'B' } }),
    );
    expect(filtered({ genre: 'rock' })).toEqual(['2']);
    expect(filtered({ genre: 'pop', year: 1999 })).toEqual(['1']);
    expect(filtered({ genre: 'pop', year: 2001 })).toEqual([]);
    expect(filtered({ artistId: 'artist-1' })).toEqual(['2']);
    expect(filtered({ artistId: 'artist-2' }, '')).toEqual(['1']);
    index.remove('2');
    expect(filtered({ genre: 'rock' })).toEqual([]);
    expect(filtered({ genre: 'rock' }, '')).toEqual([]);
    expect(filtered({ genre: 'jazz' })).toEqual([]);
  });

  it('takes a new play count without re-indexing, and a new title with it', () => {
    const index = new MiniSearchIndex();
    index.upsert(song('a', { title: 'Echo' }));
    index.upsert(song('b', { title: 'Echo' }));
    expect(hitIds(index, 'echo')).toEqual(['a', 'b']);
    index.upsert(song('b', { title: 'Echo' }), { plays: 1000, likes: 0 });
    expect(hitIds(index, 'echo')).toEqual(['b', 'a']);
    index.setCounts('a', { plays: 0, likes: 1000 });
    expect(hitIds(index, 'echo')).toEqual(['a', 'b']);
    index.upsert(song('b', { title: 'Other' }), { plays: 1000, likes: 0 });
    expect(hitIds(index, 'echo')).toEqual(['a']);
    expect(hitIds(index, 'other')).toEqual(['b']);
    expect(index.size()).toBe(2);
  });

  it('finds songs by genre words (prefix and typos too), below a title match', () => {
    const index = new MiniSearchIndex();
    index.upsert(song('electronic', { title: 'Night Drive', genre: 'Electronic' }));
    index.upsert(song('titled', { title: 'Electro Love', genre: 'Pop' }));
    index.upsert(song('rock', { title: 'Night Rider', genre: 'Rock' }));
    expect(hitIds(index, 'electro')).toEqual(['titled', 'electronic']);
    expect(hitIds(index, 'electornic drive')).toEqual(['electronic']);
    expect(hitIds(index, 'night electronic')).toEqual(['electronic']);
    const [hit] = index.search('electronic', {}, { offset: 0, limit: 1 }, NOW).hits;
    expect(hit!.highlights).toEqual([{ field: 'genre', snippet: '<em>Electronic</em>' }]);
  });

  it('escapes highlighted text', () => {
    const index = new MiniSearchIndex();
    index.upsert(
      song('1', {
        title: 'Rock & <Roll>',
        album: { id: 'a', title: 'Roll On', releaseDate: null },
      }),
    );
    const [hit] = index.search('roll', {}, { offset: 0, limit: 1 }, NOW).hits;
    expect(hit!.highlights).toEqual([
      { field: 'title', snippet: 'Rock &#38; &#60;<em>Roll</em>&#62;' },
      { field: 'album', snippet: '<em>Roll</em> On' },
    ]);
  });
});
