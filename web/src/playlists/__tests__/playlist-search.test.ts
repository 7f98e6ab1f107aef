import { filterPlaylists } from '../playlist-search';

const lists = [{ name: 'Café Mornings' }, { name: 'Road trip 2026' }, { name: 'Morning run' }];

describe('filterPlaylists', () => {
  it('returns everything for an empty query', () => {
    expect(filterPlaylists(lists, '  ')).toHaveLength(3);
  });

  it('matches case- and accent-insensitively, every word', () => {
    expect(filterPlaylists(lists, 'cafe').map((p) => p.name)).toEqual(['Café Mornings']);
    expect(filterPlaylists(lists, 'MORNING').map((p) => p.name)).toEqual([
      'Café Mornings',
      'Morning run',
    ]);
    expect(filterPlaylists(lists, 'run morn').map((p) => p.name)).toEqual(['Morning run']);
    expect(filterPlaylists(lists, 'jazz')).toEqual([]);
  });
});
